using Microsoft.Extensions.Configuration;
using UCE.Subgraphs.Hosting.Database;

namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>
/// Where the agent access log is written: <c>ConnectionStrings:Audit</c> (one PostgreSQL database every subgraph writes
/// to), else the subgraph's own PostgreSQL database, else <c>&lt;data dir&gt;/audit.db</c>, one SQLite file the
/// subgraphs of the embedded default share.
/// </summary>
public sealed record AgentAccessLogTarget(DatabaseProvider Provider, string ConnectionString, bool Shared)
{
    public const string ConnectionStringName = "Audit";

    public static AgentAccessLogTarget Select(DatabaseTarget subgraphDatabase, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(subgraphDatabase);
        var audit = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(audit))
        {
            return new AgentAccessLogTarget(DatabaseProvider.PostgreSql, audit, Shared: true);
        }

        if (subgraphDatabase.Provider == DatabaseProvider.PostgreSql)
        {
            return new AgentAccessLogTarget(DatabaseProvider.PostgreSql, subgraphDatabase.ConnectionString, Shared: false);
        }

        var file = Path.Combine(Path.GetDirectoryName(subgraphDatabase.SqliteFile!)!, "audit.db");
        return new AgentAccessLogTarget(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True", Shared: true);
    }
}
