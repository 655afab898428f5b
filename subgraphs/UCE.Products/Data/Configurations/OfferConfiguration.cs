using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Products.Data.Configurations;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(64);
        builder.Property(o => o.CustomerId).HasMaxLength(64);
        builder.Property(o => o.ProductId).HasMaxLength(64);
        builder.Property(o => o.Reason).HasMaxLength(512);
        builder.HasOne<CustomerProfile>().WithMany().HasForeignKey(o => o.CustomerId);
        builder.HasOne<Product>().WithMany().HasForeignKey(o => o.ProductId);
        builder.HasIndex(o => o.CustomerId);
    }
}
