using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRunEntity>
{
    public void Configure(EntityTypeBuilder<SyncRunEntity> builder)
    {
        builder.ToTable("sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ConnectionId).HasMaxLength(40);
        builder.Property(r => r.DatasetId).HasMaxLength(100);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.HasIndex(r => new { r.ConnectionId, r.Id });
        builder.HasOne<SalesforceConnectionEntity>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
