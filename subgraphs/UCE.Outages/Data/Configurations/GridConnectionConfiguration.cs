using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Outages.Data.Configurations;

internal sealed class GridConnectionConfiguration : IEntityTypeConfiguration<GridConnection>
{
    public void Configure(EntityTypeBuilder<GridConnection> builder)
    {
        builder.ToTable("grid_connections");
        builder.HasKey(c => c.LocationId);
        builder.Property(c => c.LocationId).HasMaxLength(64);
        builder.Property(c => c.CustomerId).HasMaxLength(64);
        builder.Property(c => c.FeederName).HasMaxLength(64);
        builder.Property(c => c.AreaName).HasMaxLength(128);
        builder.HasIndex(c => c.FeederName);

        // Customer.activeOutageCount starts from the customer's connections.
        builder.HasIndex(c => c.CustomerId);
    }
}
