using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>Writes and reads the agent access log in the database <see cref="AgentAccessLogTarget"/> names.</summary>
public sealed class AgentAccessLogStore
{
    private readonly DbContextOptions<AgentAccessLogDbContext> options;

    public AgentAccessLogStore(AgentAccessLogTarget target)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        var builder = new DbContextOptionsBuilder<AgentAccessLogDbContext>();
        if (target.Provider == DatabaseProvider.PostgreSql)
        {
            builder.UseNpgsql(target.ConnectionString);
        }
        else
        {
            builder.UseSqlite(target.ConnectionString);
        }

        options = builder.Options;
    }

    public AgentAccessLogTarget Target { get; }

    /// <summary>
    /// Creates the table and its index when missing. Several subgraphs may start against one database at once, so on
    /// PostgreSQL the creation holds an advisory lock; SQLite serialises writers itself.
    /// </summary>
    public async Task EnsureCreatedAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (Target.Provider == DatabaseProvider.PostgreSql && Target.Shared)
        {
            await PostgresDatabaseCreator.CreateIfMissingAsync(Target.ConnectionString, logger, cancellationToken).ConfigureAwait(false);
        }
        else if (Target.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Target.ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        await using var db = new AgentAccessLogDbContext(options);
        if (Target.Provider == DatabaseProvider.PostgreSql)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock(hashtext('{AgentAccessLogDbContext.TableName}'))", cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(PostgresDdl, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Write-ahead logging lets the embedded subgraphs read the log while another one writes to it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(SqliteDdl, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one request's entries in one batch.</summary>
    public async Task WriteAsync(IReadOnlyCollection<AgentAccessEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = new AgentAccessLogDbContext(options);
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entries of one customer from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AgentAccessEntry>> ReadAsync(string customerId, DateTime from, DateTime to, int limit, CancellationToken cancellationToken)
    {
        await using var db = new AgentAccessLogDbContext(options);
        return await db.Entries.AsNoTracking()
            .Where(e => e.CustomerId == customerId && e.At >= from && e.At < to)
            .OrderBy(e => e.At)
            .ThenBy(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    private const string PostgresDdl = """
        CREATE TABLE IF NOT EXISTS agent_access_log (
            id text PRIMARY KEY,
            at timestamp with time zone NOT NULL,
            subgraph text NOT NULL,
            agent text NULL,
            role text NOT NULL,
            customer_id text NOT NULL,
            operation_name text NULL,
            root_fields text NOT NULL,
            outcome text NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_agent_access_log_customer_at ON agent_access_log (customer_id, at);
        """;

    private const string SqliteDdl = """
        CREATE TABLE IF NOT EXISTS agent_access_log (
            id TEXT NOT NULL PRIMARY KEY,
            at TEXT NOT NULL,
            subgraph TEXT NOT NULL,
            agent TEXT NULL,
            role TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            operation_name TEXT NULL,
            root_fields TEXT NOT NULL,
            outcome TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_agent_access_log_customer_at ON agent_access_log (customer_id, at);
        """;
}
