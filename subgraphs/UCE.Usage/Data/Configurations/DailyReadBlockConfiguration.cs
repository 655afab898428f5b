using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="DailyReadBlock"/>, keyed by meter and month.</summary>
public sealed class DailyReadBlockConfiguration : IEntityTypeConfiguration<DailyReadBlock>
{
    public void Configure(EntityTypeBuilder<DailyReadBlock> builder)
    {
        builder.ToTable("daily_read_blocks");
        builder.HasKey(b => new { b.MeterId, b.MonthStart });
        builder.Property(b => b.MeterId).HasMaxLength(32);
        builder.Property(b => b.DailyWh)
            .HasConversion(new PackedReadingsConverter(), new PackedReadingsComparer())
            .IsRequired();
        builder.HasOne<Meter>().WithMany().HasForeignKey(b => b.MeterId).OnDelete(DeleteBehavior.Cascade);
    }
}
