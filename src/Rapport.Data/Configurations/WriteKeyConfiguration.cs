using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class WriteKeyConfiguration : IEntityTypeConfiguration<WriteKeyEntity>
{
    public void Configure(EntityTypeBuilder<WriteKeyEntity> builder)
    {
        builder.ToTable("write_keys");
        builder.HasKey(k => k.Key);
        builder.Property(k => k.Key).HasMaxLength(100);
        builder.HasIndex(k => k.DatasetId);
        builder.HasOne<DatasetEntity>().WithMany().HasForeignKey(k => k.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
