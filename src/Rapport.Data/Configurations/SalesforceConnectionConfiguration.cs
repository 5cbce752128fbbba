using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class SalesforceConnectionConfiguration : IEntityTypeConfiguration<SalesforceConnectionEntity>
{
    public void Configure(EntityTypeBuilder<SalesforceConnectionEntity> builder)
    {
        builder.ToTable("salesforce_connections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.DatasetId).HasMaxLength(100);
        // One connection per dataset (issue 4).
        builder.HasIndex(c => c.DatasetId).IsUnique();
        builder.HasIndex(c => c.PendingStateHash);
        builder.HasOne<DatasetEntity>().WithMany().HasForeignKey(c => c.DatasetId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AuthFlow).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LoginHost).HasMaxLength(500);
        builder.Property(c => c.ConsumerKey).HasMaxLength(500);
        builder.Property(c => c.ApiVersion).HasMaxLength(20);
        builder.Property(c => c.PasswordUsername).HasMaxLength(300);
        builder.Property(c => c.InstanceUrl).HasMaxLength(500);
        builder.Property(c => c.IdentityUrl).HasMaxLength(500);
        builder.Property(c => c.OrganizationId).HasMaxLength(18);
        builder.Property(c => c.UserId).HasMaxLength(18);
        builder.Property(c => c.Username).HasMaxLength(300);
        builder.Property(c => c.PendingStateHash).HasMaxLength(64);
        builder.Property(c => c.PendingRedirectUri).HasMaxLength(1000);
        builder.Property(c => c.LastCheckFailure).HasMaxLength(60);
        builder.Property(c => c.SyncSettings).HasDefaultValue("{}");
    }
}
