using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Products.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(128);
        builder.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Description).HasMaxLength(1024);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.PriceBasis).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Terms).HasMaxLength(2048);
        builder.HasIndex(p => p.Category);
    }
}
