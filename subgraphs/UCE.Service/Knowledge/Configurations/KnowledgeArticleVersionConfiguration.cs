using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UCE.Service.Knowledge.Configurations;

/// <summary>
/// The versions table. Its full-text index depends on the database and is added by <see cref="KnowledgeModel"/>: a
/// generated <c>tsvector</c> column with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite.
/// </summary>
internal sealed class KnowledgeArticleVersionConfiguration : IEntityTypeConfiguration<KnowledgeArticleVersion>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticleVersion> builder)
    {
        builder.ToTable(KnowledgeModel.VersionsTable);
        builder.HasKey(v => v.Id);
        builder.Property(v => v.ArticleId).HasMaxLength(64);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Title).HasMaxLength(KnowledgeLimits.TitleLength);
        builder.Property(v => v.CreatedBy).HasMaxLength(128);
        builder.Property(v => v.PublishedBy).HasMaxLength(128);
        builder.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();

        // One live version per article: publishing retires the previous one in the same transaction.
        builder.HasIndex(v => v.ArticleId)
            .IsUnique()
            .HasFilter("\"Status\" = 'Published'")
            .HasDatabaseName("IX_knowledge_article_versions_one_published");
        builder.HasIndex(v => new { v.Status, v.Category });
    }
}
