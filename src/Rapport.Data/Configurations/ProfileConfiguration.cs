using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<ProfileEntity>
{
    public void Configure(EntityTypeBuilder<ProfileEntity> builder)
    {
        builder.ToTable("profiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DatasetId).HasMaxLength(64);
        builder.Property(p => p.UserId).HasMaxLength(1024);
        builder.HasIndex(p => new { p.DatasetId, p.UserId }).IsUnique();
        builder.HasIndex(p => new { p.DatasetId, p.Id });
        // Push reads the profiles changed since its cursor; pull matches records by email and name.
        builder.HasIndex(p => new { p.DatasetId, p.ChangeSequence });
        builder.HasIndex(p => new { p.DatasetId, p.Email });
        builder.HasIndex(p => new { p.DatasetId, p.DisplayName });
        builder.HasOne<DatasetEntity>().WithMany().HasForeignKey(p => p.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
