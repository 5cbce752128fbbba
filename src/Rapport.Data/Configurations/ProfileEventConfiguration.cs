using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class ProfileEventConfiguration : IEntityTypeConfiguration<ProfileEventEntity>
{
    public void Configure(EntityTypeBuilder<ProfileEventEntity> builder)
    {
        builder.ToTable("profile_events");
        // The key is the only index: a person's events, newest first, are one range of it.
        builder.HasKey(p => new { p.ProfileId, p.Sequence });
        builder.Property(p => p.ProfileId).ValueGeneratedNever();
        builder.Property(p => p.Sequence).ValueGeneratedNever();
    }
}
