using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Products.Data.Configurations;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("enrollments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.CustomerId).HasMaxLength(64);
        builder.Property(e => e.ProductId).HasMaxLength(64);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.EnrolledBy).HasMaxLength(128);
        builder.Ignore(e => e.IsCancelled);
        builder.HasOne<CustomerProfile>().WithMany().HasForeignKey(e => e.CustomerId);
        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId);

        // A customer holds a product at most once at a time; cancelled enrollments are history and may repeat.
        builder.HasIndex(e => new { e.CustomerId, e.ProductId })
            .IsUnique()
            .HasFilter("\"Status\" <> 'Cancelled'")
            .HasDatabaseName("IX_enrollments_one_open_per_customer_product");
        builder.HasIndex(e => e.CustomerId);
    }
}
