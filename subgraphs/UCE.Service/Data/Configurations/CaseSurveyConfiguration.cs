using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Service.Data.Configurations;

internal sealed class CaseSurveyConfiguration : IEntityTypeConfiguration<CaseSurvey>
{
    public void Configure(EntityTypeBuilder<CaseSurvey> builder)
    {
        builder.ToTable("case_surveys", table => table.HasCheckConstraint("CK_case_surveys_score", "\"Score\" BETWEEN 0 AND 10"));

        // One survey per case: the key refuses a second answer even when two arrive at once.
        builder.HasKey(s => s.CaseId);
        builder.Property(s => s.CaseId).HasMaxLength(64);
        builder.Property(s => s.CustomerId).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(2000);
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseSurvey>(s => s.CaseId);
        builder.HasIndex(s => s.SubmittedAt);
    }
}
