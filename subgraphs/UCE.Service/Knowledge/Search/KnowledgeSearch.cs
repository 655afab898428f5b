using Microsoft.EntityFrameworkCore;

namespace UCE.Service.Knowledge.Search;

/// <summary>
/// Full-text search over published article versions, on PostgreSQL (<c>tsvector</c>, GIN, <c>ts_rank</c>,
/// <c>ts_headline</c>) or SQLite (FTS5, <c>bm25</c>, <c>snippet</c>). Both order hits by the same measures, which depend
/// only on the stemmed words: a preferred category first (suggestions), then titles holding more of the searched words,
/// then the words side by side as typed, then more mentions of them in title and body; only then the engine's own relevance (title weighted over body, which
/// differs between <c>ts_rank</c> and <c>bm25</c>), then the article id. So the two stores give the same top hits.
/// Several searches (one per case) run as one SQL command.
/// </summary>
public static class KnowledgeSearch
{
    /// <summary>One search of a batch: <paramref name="Key"/> names it in the result.</summary>
    public sealed record Item(string Key, KnowledgeQuery Query, IReadOnlyList<KnowledgeCategory>? Preferred = null);

    /// <summary>The best <paramref name="first"/> hits of <paramref name="query"/>.</summary>
    public static async Task<IReadOnlyList<KnowledgeSearchHit>> SearchAsync(
        DbContext db, KnowledgeQuery query, KnowledgeSearchScope scope, int first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var hits = await SearchManyAsync(db, [new Item("", query, scope.Preferred)], scope, first, cancellationToken).ConfigureAwait(false);
        return [.. hits[""]];
    }

    /// <summary>The best <paramref name="first"/> hits of each item, in one SQL command.</summary>
    public static async Task<ILookup<string, KnowledgeSearchHit>> SearchManyAsync(
        DbContext db, IReadOnlyList<Item> items, KnowledgeSearchScope scope, int first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scope);
        if (items.Count == 0 || scope.Audiences.Count == 0 || first <= 0)
        {
            return Array.Empty<KnowledgeSearchHit>().ToLookup(h => h.ArticleId);
        }

        var rows = db.Database.IsNpgsql()
            ? await PostgresKnowledgeSearch.RunAsync(db, items, scope, first, cancellationToken).ConfigureAwait(false)
            : await SqliteKnowledgeSearch.RunAsync(db, items, scope, first, cancellationToken).ConfigureAwait(false);
        return rows
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .SelectMany(group => group
                .OrderByDescending(r => r.Preferred)
                .ThenByDescending(r => r.TitleMatches)
                .ThenByDescending(r => r.Adjacent)
                .ThenByDescending(r => r.Mentions)
                .ThenByDescending(r => r.Score)
                .ThenBy(r => r.ArticleId, StringComparer.Ordinal)
                .Select((r, index) => (r.Key, Hit: new KnowledgeSearchHit(r.ArticleId, r.VersionId, r.TitleMatches, r.Mentions, r.Score, r.MarkedTitle, r.MarkedSnippet) { Position = index + 1 })))
            .ToLookup(x => x.Key, x => x.Hit, StringComparer.Ordinal);
    }

    /// <summary>A row as both engines' SQL returns it.</summary>
    internal sealed class Row
    {
        public string Key { get; set; } = "";

        public long VersionId { get; set; }

        public string ArticleId { get; set; } = "";

        public int Preferred { get; set; }

        public int TitleMatches { get; set; }

        public int Adjacent { get; set; }

        public int Mentions { get; set; }

        public double Score { get; set; }

        public string MarkedTitle { get; set; } = "";

        public string MarkedSnippet { get; set; } = "";
    }
}
