using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class CrmLinkConfiguration : IEntityTypeConfiguration<CrmLinkEntity>
{
    public void Configure(EntityTypeBuilder<CrmLinkEntity> builder)
    {
        builder.ToTable("crm_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.ConnectionId).HasMaxLength(40);
        builder.Property(l => l.ObjectType).HasMaxLength(100);
        builder.Property(l => l.RecordId).HasMaxLength(18);
        builder.Property(l => l.ProfileKey).HasMaxLength(1100);
        builder.Property(l => l.ConvertedToId).HasMaxLength(18);
        builder.Property(l => l.RejectedPushHash).HasMaxLength(64);
        builder.Property(l => l.ProfileKind).HasConversion<int>();
        // A record is linked at most once per connection; a profile's links are found by its key.
        builder.HasIndex(l => new { l.ConnectionId, l.ObjectType, l.RecordId }).IsUnique();
        builder.HasIndex(l => new { l.ConnectionId, l.ProfileKind, l.ProfileKey });
        // Links go with their connection (removing a connection removes its links; reconfiguring keeps the row).
        builder.HasOne<SalesforceConnectionEntity>().WithMany().HasForeignKey(l => l.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
