using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<DatasetEntity>
{
    public void Configure(EntityTypeBuilder<DatasetEntity> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.TimeZone).HasMaxLength(100);
        builder.Property(d => d.NpsScoreEvent).HasMaxLength(200);
        builder.Property(d => d.NpsFeedbackEvent).HasMaxLength(200);
    }
}
