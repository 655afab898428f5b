using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Communications.Data.Configurations;

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.ToTable("recipients");
        builder.HasKey(r => r.CustomerId);
        builder.Property(r => r.CustomerId).HasMaxLength(64);
        builder.Property(r => r.FirstName).HasMaxLength(128);
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.Phone).HasMaxLength(32);
        builder.HasMany(r => r.Preferences).WithOne().HasForeignKey(p => p.CustomerId);
    }
}
