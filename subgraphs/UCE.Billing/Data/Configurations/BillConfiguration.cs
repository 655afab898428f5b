using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Billing.Data.Configurations;

/// <summary>Table and indexes of <see cref="Bill"/>; one bill per account and period.</summary>
public sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> builder)
    {
        builder.ToTable("bills");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(48);
        builder.Property(b => b.AccountId).HasMaxLength(32).IsRequired();
        builder.HasOne<BillingAccount>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);

        // Newest-first paging walks this index.
        builder.HasIndex(b => new { b.AccountId, b.PeriodStart }).IsUnique();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(b => b.DueMinor);
        builder.Ignore(b => b.CustomerId);
        builder.HasMany(b => b.LineItems).WithOne().HasForeignKey(l => l.BillId).OnDelete(DeleteBehavior.Cascade);
    }
}
