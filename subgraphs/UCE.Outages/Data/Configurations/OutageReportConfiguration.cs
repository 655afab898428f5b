using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Outages.Data.Configurations;

internal sealed class OutageReportConfiguration : IEntityTypeConfiguration<OutageReport>
{
    public void Configure(EntityTypeBuilder<OutageReport> builder)
    {
        builder.ToTable("outage_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(64);
        builder.Property(r => r.OutageId).HasMaxLength(64);
        builder.Property(r => r.LocationId).HasMaxLength(64);
        builder.Property(r => r.ReportedBy).HasMaxLength(128);
        builder.Property(r => r.CustomerId).HasMaxLength(64);
        builder.Property(r => r.Contact).HasMaxLength(OutageReportRules.MaxContactLength);
        builder.Property(r => r.Description).HasMaxLength(OutageReportRules.MaxDescriptionLength);
        builder.HasIndex(r => r.OutageId);
    }
}
