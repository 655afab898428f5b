using Microsoft.EntityFrameworkCore;

namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>Puts the outbox table into a subgraph's model: call <c>modelBuilder.AddOutbox()</c> from <c>OnModelCreating</c>.</summary>
public static class OutboxModel
{
    /// <summary>The table every subgraph's outbox lives in, in that subgraph's own database.</summary>
    public const string Table = "outbox_messages";

    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable(Table);
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedOnAdd();
            message.Property(m => m.EventId).HasMaxLength(64);
            message.Property(m => m.Stream).HasMaxLength(200);
            message.Property(m => m.Type).HasMaxLength(64);
            message.HasIndex(m => m.EventId).IsUnique();

            // The relay reads only what is waiting; sent rows stay for inspection and do not slow it down.
            message.HasIndex(m => m.Id).HasDatabaseName("IX_outbox_messages_waiting").HasFilter("\"SentAt\" IS NULL");
        });
        return modelBuilder;
    }

    /// <summary>True when <paramref name="db"/>'s model has the outbox table.</summary>
    public static bool HasOutbox(this DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Model.FindEntityType(typeof(OutboxMessage)) is not null;
    }
}
