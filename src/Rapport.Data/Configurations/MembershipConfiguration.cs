using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<MembershipEntity>
{
    public void Configure(EntityTypeBuilder<MembershipEntity> builder)
    {
        builder.ToTable("account_memberships");
        builder.HasKey(m => new { m.ProfileId, m.AccountId });
        builder.HasIndex(m => m.AccountId);
        builder.Property(m => m.DatasetId).HasMaxLength(64);
        builder.HasOne<ProfileEntity>().WithMany().HasForeignKey(m => m.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AccountEntity>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
