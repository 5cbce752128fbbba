using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<CheckpointEntity>
{
    public void Configure(EntityTypeBuilder<CheckpointEntity> builder)
    {
        builder.ToTable("processor_checkpoints");
        builder.HasKey(c => c.DatasetId);
        builder.Property(c => c.DatasetId).HasMaxLength(64);
        // Two processors (two nodes, or `rapport reprocess` beside a server) may race for a
        // dataset; the position is the optimistic concurrency token, so only one chunk wins.
        builder.Property(c => c.Position).IsConcurrencyToken();
    }
}
