using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Entities;

namespace Rapport.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<EventEntity>
{
    public void Configure(EntityTypeBuilder<EventEntity> builder)
    {
        // Column names are fixed because the group-commit writer inserts with hand-written SQL.
        builder.ToTable("events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
        builder.Property(e => e.DatasetId).HasColumnName("dataset_id").HasMaxLength(64);
        builder.Property(e => e.MessageId).HasColumnName("message_id").HasMaxLength(1024);
        builder.Property(e => e.Type).HasColumnName("type");
        builder.Property(e => e.UserId).HasColumnName("user_id").HasMaxLength(1024);
        builder.Property(e => e.AnonymousId).HasColumnName("anonymous_id").HasMaxLength(1024);
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.GroupId).HasColumnName("group_id").HasMaxLength(1024);
        builder.Property(e => e.PreviousId).HasColumnName("previous_id").HasMaxLength(1024);
        builder.Property(e => e.TimestampMs).HasColumnName("timestamp_ms");
        builder.Property(e => e.ReceivedAtMs).HasColumnName("received_at_ms");
        builder.Property(e => e.Payload).HasColumnName("payload");

        // Append-only with no random-key index: each one (messageId, userId, anonymousId) cost more
        // per append than everything else the append does. Deduplication and a person's events are
        // kept by the processor (MessageIdEntity, ProfileEventEntity).
        // The processor and the console read one dataset's log in order.
        builder.HasIndex(e => new { e.DatasetId, e.Sequence }).HasDatabaseName("ix_events_dataset_sequence");
    }
}
