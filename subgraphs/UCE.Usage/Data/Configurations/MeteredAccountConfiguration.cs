using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Usage.Data.Configurations;

/// <summary>Table of <see cref="MeteredAccount"/>.</summary>
public sealed class MeteredAccountConfiguration : IEntityTypeConfiguration<MeteredAccount>
{
    public void Configure(EntityTypeBuilder<MeteredAccount> builder)
    {
        builder.ToTable("metered_accounts");
        builder.HasKey(a => a.AccountId);
        builder.Property(a => a.AccountId).HasMaxLength(32);
        builder.Property(a => a.MeterId).HasMaxLength(32).IsRequired();
        builder.HasOne(a => a.Meter).WithMany().HasForeignKey(a => a.MeterId).OnDelete(DeleteBehavior.Cascade);
    }
}
