using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class SyncErrorConfiguration : IEntityTypeConfiguration<SyncErrorEntity>
{
    public void Configure(EntityTypeBuilder<SyncErrorEntity> builder)
    {
        builder.ToTable("sync_errors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ConnectionId).HasMaxLength(40);
        builder.Property(e => e.Stage).HasMaxLength(20);
        builder.Property(e => e.ObjectType).HasMaxLength(100);
        builder.Property(e => e.RecordId).HasMaxLength(18);
        builder.Property(e => e.ProfileKey).HasMaxLength(1100);
        builder.Property(e => e.ErrorCode).HasMaxLength(100);
        builder.Property(e => e.Message).HasMaxLength(4000);
        builder.Property(e => e.Hash).HasMaxLength(64);
        // Deduplication: one row per distinct error within a run.
        builder.HasIndex(e => new { e.RunId, e.Hash }).IsUnique();
        builder.HasIndex(e => new { e.ConnectionId, e.Id });
        builder.HasOne<SyncRunEntity>().WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
