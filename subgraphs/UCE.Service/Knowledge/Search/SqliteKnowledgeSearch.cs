using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace UCE.Service.Knowledge.Search;

/// <summary>
/// The SQLite search: the FTS5 table of <see cref="SqliteKnowledgeIndex"/> (porter stemming), <c>bm25</c> with the title
/// weighted over the body, one title-only match per searched word to count the title's words, one phrase match of the
/// words side by side, the matched tokens counted
/// through <c>highlight</c> (mentions), and <c>highlight</c> / <c>snippet</c> for the hits kept. SQLite has no lateral join, so a batch is a <c>UNION ALL</c> of one block per search.
/// </summary>
internal static class SqliteKnowledgeSearch
{
    private const string Fts = SqliteKnowledgeIndex.Table;

    // bm25 column weights: Title, PlainText.
    private const string Rank = $"-bm25({Fts}, 4.0, 1.0)";

    // Matched tokens in both columns: highlight() marks each, and the marks are counted.
    private static readonly string Mentions = string.Join(" + ", new[] { 0, 1 }.Select(column =>
        $"(length(highlight({Fts}, {column}, char({(int)KnowledgeHighlight.Start}), '')) - length(replace(highlight({Fts}, {column}, char({(int)KnowledgeHighlight.Start}), ''), char({(int)KnowledgeHighlight.Start}), '')))"));

    private static readonly string Marks = $"char({(int)KnowledgeHighlight.Start}), char({(int)KnowledgeHighlight.Stop})";

    public static async Task<List<KnowledgeSearch.Row>> RunAsync(
        DbContext db, IReadOnlyList<KnowledgeSearch.Item> items, KnowledgeSearchScope scope, int first, CancellationToken cancellationToken)
    {
        var parameters = new List<SqliteParameter> { new("@first", first) };
        var audiences = string.Join(", ", scope.Audiences.Select((audience, index) => Add(parameters, $"@a{index}", audience.ToString())));
        var categoryFilter = scope.Category is { } category ? $"AND v.Category = {Add(parameters, "@category", category.ToString())}" : "";

        var sql = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var match = Add(parameters, $"@q{i}", item.Query.ToFts5Match());
            var key = Add(parameters, $"@k{i}", item.Key);
            var titleMatches = string.Join(" + ", item.Query.TitleWords.Select((word, w) =>
                $"({Fts}.rowid IN (SELECT t.rowid FROM {Fts} AS t WHERE t.{Fts} MATCH {Add(parameters, $"@t{i}_{w}", KnowledgeQuery.ToFts5TitleMatch(word))}))"));
            var preferred = item.Preferred is { Count: > 0 } categories
                ? $"(v.Category IN ({string.Join(", ", categories.Select((c, p) => Add(parameters, $"@p{i}_{p}", c.ToString())))}))"
                : "0";
            var adjacent = item.Query.ToFts5AdjacentWords() is { } words
                ? $"({Fts}.rowid IN (SELECT t.rowid FROM {Fts} AS t WHERE t.{Fts} MATCH {Add(parameters, $"@j{i}", words)}))"
                : "0";
            if (i > 0)
            {
                sql.Append("\nUNION ALL\n");
            }

            sql.Append($"""
                SELECT * FROM (
                    SELECT {key} AS "Key", h.VersionId, h.ArticleId, h.Preferred, h.TitleMatches, h.Adjacent, h.Mentions, h.Score,
                           highlight({Fts}, 0, {Marks}) AS MarkedTitle,
                           snippet({Fts}, 1, {Marks}, ' … ', 24) AS MarkedSnippet
                    FROM (
                        SELECT v.Id AS VersionId, v.ArticleId, {preferred} AS Preferred, {titleMatches} AS TitleMatches, {adjacent} AS Adjacent, {Mentions} AS Mentions, {Rank} AS Score
                        FROM {Fts} JOIN {KnowledgeModel.VersionsTable} AS v ON v.Id = {Fts}.rowid
                        WHERE {Fts} MATCH {match} AND v.Status = 'Published' AND v.Audience IN ({audiences}) {categoryFilter}
                        ORDER BY Preferred DESC, TitleMatches DESC, Adjacent DESC, Mentions DESC, Score DESC, v.ArticleId
                        LIMIT @first
                    ) AS h
                    JOIN {Fts} ON {Fts}.rowid = h.VersionId
                    WHERE {Fts} MATCH {match}
                )
                """);
        }

        return await db.Database.SqlQueryRaw<KnowledgeSearch.Row>(sql.ToString(), [.. parameters]).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Add(List<SqliteParameter> parameters, string name, object value)
    {
        parameters.Add(new SqliteParameter(name, value));
        return name;
    }
}
