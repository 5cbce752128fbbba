using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<IdentityEntity>
{
    public void Configure(EntityTypeBuilder<IdentityEntity> builder)
    {
        builder.ToTable("profile_identities");
        builder.HasKey(i => new { i.DatasetId, i.AnonymousId });
        builder.Property(i => i.DatasetId).HasMaxLength(64);
        builder.Property(i => i.AnonymousId).HasMaxLength(1024);
        builder.HasIndex(i => i.ProfileId);
    }
}
