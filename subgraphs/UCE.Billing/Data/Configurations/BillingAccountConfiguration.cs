using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Billing.Data.Configurations;

/// <summary>Table and indexes of <see cref="BillingAccount"/>.</summary>
public sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> builder)
    {
        builder.ToTable("billing_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(32);
        builder.Property(a => a.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(a => a.Number).IsUnique();
        builder.Property(a => a.CustomerId).HasMaxLength(32).IsRequired();
        builder.HasIndex(a => a.CustomerId);
        builder.Property(a => a.Currency).HasMaxLength(3).IsRequired();
        builder.Property(a => a.AutopayMethod).HasConversion<string>().HasMaxLength(16);
    }
}
