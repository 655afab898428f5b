using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Communications.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(64);
        builder.Property(n => n.CustomerId).HasMaxLength(64);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Topic).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.TemplateId).HasMaxLength(64);
        builder.Property(n => n.Subject).HasMaxLength(512);
        builder.Property(n => n.Body).HasMaxLength(4096);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.FailureReason).HasMaxLength(512);
        builder.Property(n => n.SourceEventId).HasMaxLength(160);
        builder.Property(n => n.ClaimToken).HasMaxLength(64).IsConcurrencyToken();
        builder.HasOne<Recipient>().WithMany().HasForeignKey(n => n.CustomerId);
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(n => n.TemplateId);
        builder.HasIndex(n => n.CustomerId);

        // The dispatcher picks queued messages oldest first.
        builder.HasIndex(n => new { n.Status, n.QueuedAt });

        // ... and claims them through this one: only the messages still to send, in the claim's order, so that a poll reads
        // a handful of entries (and an index scan marks the entries of rows sent since as dead) instead of visiting every
        // row that was queued since the last vacuum, as the bitmap scan over the index above does.
        builder.HasIndex(n => new { n.QueuedAt, n.Id }, "IX_notifications_waiting_QueuedAt_Id")
            .HasFilter("\"Status\" IN ('Queued', 'Deferred')");

        // One message per event, customer and channel however often the event is delivered; messages sent by hand have no event.
        builder.HasIndex(n => new { n.SourceEventId, n.CustomerId, n.Channel }).IsUnique();
    }
}
