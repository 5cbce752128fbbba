using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<AccountEntity>
{
    public void Configure(EntityTypeBuilder<AccountEntity> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.DatasetId).HasMaxLength(64);
        builder.Property(a => a.GroupId).HasMaxLength(1024);
        builder.HasIndex(a => new { a.DatasetId, a.GroupId }).IsUnique();
        builder.HasIndex(a => new { a.DatasetId, a.ChangeSequence });
        builder.HasIndex(a => new { a.DatasetId, a.Name });
        builder.HasOne<DatasetEntity>().WithMany().HasForeignKey(a => a.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
