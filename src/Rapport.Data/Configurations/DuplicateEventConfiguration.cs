using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class DuplicateEventConfiguration : IEntityTypeConfiguration<DuplicateEventEntity>
{
    public void Configure(EntityTypeBuilder<DuplicateEventEntity> builder)
    {
        builder.ToTable("duplicate_events");
        builder.HasKey(d => d.Sequence);
        builder.Property(d => d.Sequence).ValueGeneratedNever();
        builder.Property(d => d.DatasetId).HasMaxLength(64);
        builder.HasIndex(d => d.DatasetId);
    }
}
