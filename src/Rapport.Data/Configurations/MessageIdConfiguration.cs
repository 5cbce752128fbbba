using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class MessageIdConfiguration : IEntityTypeConfiguration<MessageIdEntity>
{
    public void Configure(EntityTypeBuilder<MessageIdEntity> builder)
    {
        builder.ToTable("message_ids");
        builder.HasKey(m => new { m.DatasetId, m.MessageId });
        builder.Property(m => m.DatasetId).HasMaxLength(64);
        builder.Property(m => m.MessageId).HasMaxLength(1024);
    }
}
