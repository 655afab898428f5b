using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="IntervalReadBlock"/>, keyed by meter and day.</summary>
public sealed class IntervalReadBlockConfiguration : IEntityTypeConfiguration<IntervalReadBlock>
{
    public void Configure(EntityTypeBuilder<IntervalReadBlock> builder)
    {
        builder.ToTable("interval_read_blocks");
        builder.HasKey(b => new { b.MeterId, b.Day });
        builder.Property(b => b.MeterId).HasMaxLength(32);
        builder.Property(b => b.QuarterHourWh)
            .HasConversion(new PackedReadingsConverter(), new PackedReadingsComparer())
            .IsRequired();
        builder.HasOne<Meter>().WithMany().HasForeignKey(b => b.MeterId).OnDelete(DeleteBehavior.Cascade);
    }
}
