using Microsoft.EntityFrameworkCore;

namespace UCE.Service.Knowledge;

/// <summary>
/// The SQLite full-text index of article versions: an FTS5 table over the versions table's title and plain text
/// (external content, row id = version id), kept in step by triggers, with the <c>porter</c> stemmer over
/// <c>unicode61</c> tokens. EF Core cannot express a virtual table, so it is made here once the schema exists; every
/// statement is idempotent, and an index made over existing rows is rebuilt from them.
/// </summary>
public static class SqliteKnowledgeIndex
{
    /// <summary>The FTS5 table; its columns are <c>Title</c> (0) and <c>PlainText</c> (1).</summary>
    public const string Table = "knowledge_search";

    /// <summary>The triggers on the versions table (EF Core is told of them, see <see cref="KnowledgeModel"/>).</summary>
    public static IReadOnlyList<string> Triggers { get; } = ["knowledge_search_insert", "knowledge_search_delete", "knowledge_search_update"];

    private const string Versions = KnowledgeModel.VersionsTable;

    private static readonly string[] Statements =
    [
        $"""
        CREATE VIRTUAL TABLE IF NOT EXISTS {Table} USING fts5(
            Title, PlainText, content='{Versions}', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2')
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS knowledge_search_insert AFTER INSERT ON {Versions} BEGIN
            INSERT INTO {Table}(rowid, Title, PlainText) VALUES (new.Id, new.Title, new.PlainText);
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS knowledge_search_delete AFTER DELETE ON {Versions} BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, PlainText) VALUES ('delete', old.Id, old.Title, old.PlainText);
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS knowledge_search_update AFTER UPDATE OF Title, PlainText ON {Versions} BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, PlainText) VALUES ('delete', old.Id, old.Title, old.PlainText);
            INSERT INTO {Table}(rowid, Title, PlainText) VALUES (new.Id, new.Title, new.PlainText);
        END
        """,
    ];

    /// <summary>Creates the index and its triggers when missing; rebuilds a new index over rows that already exist.</summary>
    public static async Task EnsureCreatedAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existed = await db.Database
            .SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{Table}'")
            .SingleAsync(cancellationToken).ConfigureAwait(false) > 0;
        foreach (var statement in Statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken).ConfigureAwait(false);
        }

        if (!existed)
        {
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table}({Table}) VALUES ('rebuild')", cancellationToken).ConfigureAwait(false);
        }
    }
}
