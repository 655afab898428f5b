using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="UsageConsent"/>; one row per customer and partner client.</summary>
public sealed class UsageConsentConfiguration : IEntityTypeConfiguration<UsageConsent>
{
    public void Configure(EntityTypeBuilder<UsageConsent> builder)
    {
        builder.ToTable("usage_consents");
        builder.HasKey(c => new { c.CustomerId, c.ClientId });
        builder.Property(c => c.CustomerId).HasMaxLength(32);
        builder.Property(c => c.ClientId).HasMaxLength(64);
        builder.HasIndex(c => c.ClientId);
    }
}
