using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="Meter"/>; one meter per service location.</summary>
public sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> builder)
    {
        builder.ToTable("meters");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(32);
        builder.Property(m => m.LocationId).HasMaxLength(32).IsRequired();
        builder.HasIndex(m => m.LocationId).IsUnique();
        builder.Property(m => m.CustomerId).HasMaxLength(32).IsRequired();
        builder.Property(m => m.RatePerKwh).HasPrecision(9, 5);
        builder.Property(m => m.Currency).HasMaxLength(3).IsRequired();
    }
}
