using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Outages.Data.Configurations;

internal sealed class OutageStatusChangeConfiguration : IEntityTypeConfiguration<OutageStatusChange>
{
    public void Configure(EntityTypeBuilder<OutageStatusChange> builder)
    {
        builder.ToTable("outage_status_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.OutageId).HasMaxLength(64);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.ChangedBy).HasMaxLength(128);
        builder.Property(c => c.Note).HasMaxLength(512);
        builder.HasIndex(c => c.OutageId);
    }
}
