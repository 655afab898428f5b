using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Service.Data.Configurations;

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.ToTable("case_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(64);
        builder.Property(n => n.CaseId).HasMaxLength(64);
        builder.Property(n => n.CustomerId).HasMaxLength(64);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Author).HasMaxLength(128);
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId);
        builder.HasIndex(n => new { n.CaseId, n.CreatedAt });
    }
}
