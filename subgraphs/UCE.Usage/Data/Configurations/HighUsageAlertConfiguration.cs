using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="HighUsageAlert"/>: one row per meter and month.</summary>
public sealed class HighUsageAlertConfiguration : IEntityTypeConfiguration<HighUsageAlert>
{
    public void Configure(EntityTypeBuilder<HighUsageAlert> builder)
    {
        builder.ToTable("high_usage_alerts");
        builder.HasKey(a => new { a.MeterId, a.PeriodStart });
        builder.Property(a => a.MeterId).HasMaxLength(32);
        builder.Property(a => a.CustomerId).HasMaxLength(32).IsRequired();
        builder.Property(a => a.EventId).HasMaxLength(96).IsRequired();
        builder.HasIndex(a => a.EventId).IsUnique();
        builder.Property(a => a.Event).HasMaxLength(2048).IsRequired();
        builder.HasOne<Meter>().WithMany().HasForeignKey(a => a.MeterId).OnDelete(DeleteBehavior.Cascade);
    }
}
