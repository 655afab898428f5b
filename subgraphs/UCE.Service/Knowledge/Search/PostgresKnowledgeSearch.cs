using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace UCE.Service.Knowledge.Search;

/// <summary>
/// The PostgreSQL search: the generated <c>SearchVector</c> (title weight A, body B) matched through its GIN index,
/// each searched word matched against the title's lexemes (weight A: <c>word:A</c>), whether the words stand side by side
/// (a phrase query of them), their occurrences counted (mentions, <c>ts_rank_cd</c> with unit weights),
/// <c>ts_rank</c> with length normalization, and <c>ts_headline</c> for the hits kept. All searches of a batch in one statement (a lateral join over the items).
/// </summary>
internal static class PostgresKnowledgeSearch
{
    private const string Config = KnowledgeModel.PostgresConfiguration;

    // With every weight 1 and no normalization, ts_rank_cd of "any of the words" counts their occurrences: each is a
    // cover of its own. Braces doubled: EF Core formats raw SQL.
    private const string EveryWeight = "'{{1, 1, 1, 1}}'";

    private static readonly string TitleOptions = $"StartSel=\"{KnowledgeHighlight.Start}\", StopSel=\"{KnowledgeHighlight.Stop}\", HighlightAll=true";

    private static readonly string SnippetOptions =
        $"StartSel=\"{KnowledgeHighlight.Start}\", StopSel=\"{KnowledgeHighlight.Stop}\", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

    public static async Task<List<KnowledgeSearch.Row>> RunAsync(
        DbContext db, IReadOnlyList<KnowledgeSearch.Item> items, KnowledgeSearchScope scope, int first, CancellationToken cancellationToken)
    {
        var categoryFilter = scope.Category is null ? "" : "AND v.\"Category\" = @category";
        var sql = $"""
            SELECT i."Key", h."VersionId", h."ArticleId", h."Preferred", h."TitleMatches", h."Adjacent", h."Mentions", h."Score",
                   ts_headline('{Config}', v."Title", i.query, @titleOptions) AS "MarkedTitle",
                   ts_headline('{Config}', v."PlainText", i.query, @snippetOptions) AS "MarkedSnippet"
            FROM (
                SELECT k AS "Key", to_tsquery('{Config}', q) AS query, to_tsquery('{Config}', a) AS adjacent,
                       to_tsquery('{Config}', array_to_string(string_to_array(w, ' '), ' | ')) AS anyword,
                       ARRAY(SELECT to_tsquery('{Config}', word || ':A') FROM unnest(string_to_array(w, ' ')) AS word) AS titles,
                       string_to_array(p, ',') AS preferred
                FROM unnest(@keys, @queries, @adjacent, @words, @preferred) AS x(k, q, a, w, p)
            ) AS i
            CROSS JOIN LATERAL (
                SELECT v."Id" AS "VersionId", v."ArticleId",
                       (v."Category" = ANY(i.preferred))::int AS "Preferred",
                       (SELECT count(*) FROM unnest(i.titles) AS title WHERE v."SearchVector" @@ title)::int AS "TitleMatches",
                       coalesce(v."SearchVector" @@ i.adjacent, false)::int AS "Adjacent",
                       round(ts_rank_cd({EveryWeight}, v."SearchVector", i.anyword, 0))::int AS "Mentions",
                       ts_rank(v."SearchVector", i.query, 1)::float8 AS "Score"
                FROM {KnowledgeModel.VersionsTable} AS v
                WHERE v."SearchVector" @@ i.query AND v."Status" = 'Published' AND v."Audience" = ANY(@audiences) {categoryFilter}
                ORDER BY "Preferred" DESC, "TitleMatches" DESC, "Adjacent" DESC, "Mentions" DESC, "Score" DESC, v."ArticleId"
                LIMIT @first
            ) AS h
            JOIN {KnowledgeModel.VersionsTable} AS v ON v."Id" = h."VersionId"
            """;
        var parameters = new List<NpgsqlParameter>
        {
            Text("titleOptions", TitleOptions),
            Text("snippetOptions", SnippetOptions),
            TextArray("keys", items.Select(i => i.Key)),
            TextArray("queries", items.Select(i => i.Query.ToPostgresTsQuery())),
            TextArray("adjacent", items.Select(i => i.Query.ToPostgresAdjacentWords())),
            TextArray("words", items.Select(i => string.Join(' ', i.Query.TitleWords))),
            TextArray("preferred", items.Select(i => string.Join(',', i.Preferred ?? []))),
            TextArray("audiences", scope.Audiences.Select(a => a.ToString())),
            new("first", NpgsqlDbType.Integer) { Value = first },
        };
        if (scope.Category is { } category)
        {
            parameters.Add(Text("category", category.ToString()));
        }

        return await db.Database.SqlQueryRaw<KnowledgeSearch.Row>(sql, [.. parameters]).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    private static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
