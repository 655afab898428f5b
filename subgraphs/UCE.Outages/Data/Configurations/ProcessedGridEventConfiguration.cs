using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UCE.Outages.Events;

namespace UCE.Outages.Data.Configurations;

internal sealed class ProcessedGridEventConfiguration : IEntityTypeConfiguration<ProcessedGridEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedGridEvent> builder)
    {
        builder.ToTable("processed_grid_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(GridEventRules.MaxEventIdLength);
        builder.Property(e => e.OutageId).HasMaxLength(64);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.HasIndex(e => e.OutageId);

        // The change as JSON: it names every affected location and customer, so a storm's change can run to hundreds of kilobytes.
        builder.Property(e => e.Change).HasColumnType("text");
    }
}
