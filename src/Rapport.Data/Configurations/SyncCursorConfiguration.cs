using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class SyncCursorConfiguration : IEntityTypeConfiguration<SyncCursorEntity>
{
    public void Configure(EntityTypeBuilder<SyncCursorEntity> builder)
    {
        builder.ToTable("sync_cursors");
        builder.HasKey(c => new { c.ConnectionId, c.Name });
        builder.Property(c => c.ConnectionId).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.HasOne<SalesforceConnectionEntity>().WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
