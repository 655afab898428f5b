using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Outages.Data.Configurations;

internal sealed class OutageLocationConfiguration : IEntityTypeConfiguration<OutageLocation>
{
    public void Configure(EntityTypeBuilder<OutageLocation> builder)
    {
        builder.ToTable("outage_locations");
        builder.HasKey(l => new { l.OutageId, l.LocationId });
        builder.Property(l => l.OutageId).HasMaxLength(64);
        builder.Property(l => l.LocationId).HasMaxLength(64);
        builder.HasIndex(l => l.LocationId);
    }
}
