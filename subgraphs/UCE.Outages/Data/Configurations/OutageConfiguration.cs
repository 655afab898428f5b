using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Outages.Data.Configurations;

internal sealed class OutageConfiguration : IEntityTypeConfiguration<Outage>
{
    public void Configure(EntityTypeBuilder<Outage> builder)
    {
        builder.ToTable("outages");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(64);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Cause).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.FeederName).HasMaxLength(64);
        builder.Property(o => o.AreaName).HasMaxLength(128);
        builder.Ignore(o => o.PendingEvents);
        builder.Ignore(o => o.IsActive);
        builder.HasMany(o => o.AffectedLocations).WithOne().HasForeignKey(l => l.OutageId);
        builder.HasMany(o => o.StatusHistory).WithOne().HasForeignKey(c => c.OutageId);
        builder.HasMany(o => o.Reports).WithOne().HasForeignKey(r => r.OutageId);
        builder.HasIndex(o => new { o.Status, o.FeederName });

        // activeOutages: the outages not restored, newest first (few among many restored ones).
        builder.HasIndex(o => new { o.StartedAt, o.Id }, "IX_outages_active_StartedAt_Id")
            .IsDescending(true, false)
            .HasFilter("\"Status\" <> 'Restored'");
    }
}
