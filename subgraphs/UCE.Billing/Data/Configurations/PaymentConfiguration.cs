using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Billing.Data.Configurations;

/// <summary>Table of <see cref="Payment"/>; the unique idempotency key is what makes a retried payment safe.</summary>
public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(48);
        builder.Property(p => p.AccountId).HasMaxLength(32).IsRequired();
        builder.HasOne<BillingAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.AccountId, p.At });
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(PaymentRules.MaxIdempotencyKeyLength).IsRequired();
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        builder.Property(p => p.RecordedBy).HasMaxLength(128);
    }
}
