using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Service.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.CustomerId).HasMaxLength(64);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Queue).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ResolutionCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Subject).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.AssignedAgent).HasMaxLength(128);
        builder.Property(c => c.OpenedBy).HasMaxLength(128);
        builder.Property(c => c.AccountId).HasMaxLength(64);
        builder.Property(c => c.BillId).HasMaxLength(64);
        builder.Property(c => c.OutageId).HasMaxLength(64);
        builder.Property(c => c.EnrollmentId).HasMaxLength(64);
        builder.Ignore(c => c.IsOpen);
        builder.HasOne<CustomerProfile>().WithMany().HasForeignKey(c => c.CustomerId);

        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.AccountId);
        builder.HasIndex(c => c.OutageId);

        // The work lists: one queue's or one agent's cases by SLA due time.
        builder.HasIndex(c => new { c.Queue, c.SlaDueAt, c.Id });
        builder.HasIndex(c => new { c.AssignedAgent, c.SlaDueAt, c.Id });

        // serviceQualityMetrics: the cases resolved in a period, and the backlog of open cases (all queues or one).
        builder.HasIndex(c => c.ResolvedAt);
        builder.HasIndex(c => c.Queue, "IX_cases_open_Queue").HasFilter("\"Status\" NOT IN ('Resolved', 'Closed')");
    }
}
