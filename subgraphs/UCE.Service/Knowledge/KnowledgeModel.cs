using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NpgsqlTypes;

namespace UCE.Service.Knowledge;

/// <summary>
/// The parts of the knowledge base's model that differ by database. PostgreSQL: a stored generated <c>tsvector</c>
/// column, the title weighted A and the body B under the <c>english</c> configuration, with a GIN index; migrations
/// carry both. SQLite: the FTS5 table and its triggers are made by <see cref="SqliteKnowledgeIndex"/> once the schema
/// exists; the model only tells EF Core that the versions table has triggers (so it saves without <c>RETURNING</c>).
/// </summary>
public static class KnowledgeModel
{
    public const string VersionsTable = "knowledge_article_versions";

    /// <summary>The PostgreSQL column searched (a shadow property: the entity stays the same on both databases).</summary>
    public const string SearchVector = "SearchVector";

    /// <summary>The text search configuration on PostgreSQL; FTS5's <c>porter</c> tokenizer is the same English stemming idea.</summary>
    public const string PostgresConfiguration = "english";

    /// <summary>
    /// Called from the context's <c>OnModelCreating</c>, after the entity configurations. The vector is a computed column
    /// rather than Npgsql's <c>HasGeneratedTsVectorColumn</c>, which cannot weight the title over the body.
    /// </summary>
    public static void Configure(ModelBuilder modelBuilder, DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsNpgsql())
        {
            modelBuilder.Entity<KnowledgeArticleVersion>(version =>
            {
                version.Property<NpgsqlTsVector>(SearchVector)
                    .HasComputedColumnSql(
                        $"setweight(to_tsvector('{PostgresConfiguration}'::regconfig, coalesce(\"Title\", '')), 'A') || " +
                        $"setweight(to_tsvector('{PostgresConfiguration}'::regconfig, coalesce(\"PlainText\", '')), 'B')",
                        stored: true);
                version.HasIndex(SearchVector).HasMethod("GIN");
            });
        }
        else if (database.IsSqlite())
        {
            modelBuilder.Entity<KnowledgeArticleVersion>().ToTable(VersionsTable, table =>
            {
                foreach (var trigger in SqliteKnowledgeIndex.Triggers)
                {
                    table.HasTrigger(trigger);
                }
            });
        }
    }
}
