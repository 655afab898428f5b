using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Billing.Data.Configurations;

/// <summary>Table of <see cref="BillLineItem"/>, keyed by bill and position.</summary>
public sealed class BillLineItemConfiguration : IEntityTypeConfiguration<BillLineItem>
{
    public void Configure(EntityTypeBuilder<BillLineItem> builder)
    {
        builder.ToTable("bill_line_items");
        builder.HasKey(l => new { l.BillId, l.Position });
        builder.Property(l => l.BillId).HasMaxLength(48);
        builder.Property(l => l.Description).HasMaxLength(120).IsRequired();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(24);
    }
}
