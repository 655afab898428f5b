using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Service.Knowledge.Configurations;

internal sealed class KnowledgeFeedbackConfiguration : IEntityTypeConfiguration<KnowledgeFeedback>
{
    public void Configure(EntityTypeBuilder<KnowledgeFeedback> builder)
    {
        builder.ToTable("knowledge_feedback");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.ArticleId).HasMaxLength(64);
        builder.Property(f => f.Comment).HasMaxLength(KnowledgeLimits.CommentLength);
        builder.Property(f => f.RaterKey).HasMaxLength(160);
        builder.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(f => f.ArticleId);

        // A known reader rates an article once; rating again replaces the answer.
        builder.HasIndex(f => new { f.ArticleId, f.RaterKey })
            .IsUnique()
            .HasFilter("\"RaterKey\" IS NOT NULL");

        // The helpful / not helpful counts of a batch of articles (the index above holds only known readers' ratings).
        builder.HasIndex(f => f.ArticleId);
    }
}
