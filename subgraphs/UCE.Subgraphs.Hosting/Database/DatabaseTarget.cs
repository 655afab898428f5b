using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>The database a subgraph uses: PostgreSQL when a connection string is configured, otherwise an SQLite file.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string? SqliteFile)
{
    /// <summary>
    /// Picks the database: an explicit connection string, else <c>ConnectionStrings:&lt;Name&gt;</c>
    /// (<c>ConnectionStrings__Billing</c> in the environment), else <c>&lt;data dir&gt;/&lt;name&gt;.db</c>
    /// with the data directory from the options, <c>UCE_DATA_DIR</c>, or <c>./data</c>.
    /// </summary>
    public static DatabaseTarget Select(SubgraphModule module, SubgraphHostOptions options, IConfiguration configuration)
    {
        var connectionString = options.ConnectionString ?? configuration.GetConnectionString(ConnectionStringName(module));
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseTarget(DatabaseProvider.PostgreSql, connectionString, null);
        }

        var directory = options.DataDirectory ?? configuration["UCE_DATA_DIR"];
        directory = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? "data" : directory);
        var file = Path.Combine(directory, module.Name + ".db");
        return new DatabaseTarget(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True", file);
    }

    /// <summary><c>customers</c> → <c>Customers</c>, the key under <c>ConnectionStrings</c>.</summary>
    public static string ConnectionStringName(SubgraphModule module) =>
        string.Concat(char.ToUpperInvariant(module.Name[0]).ToString(), module.Name.AsSpan(1));
}

/// <summary>The database engines a subgraph runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Production and tests: migrations applied on start.</summary>
    PostgreSql,

    /// <summary>The embedded default: schema created from the model on start.</summary>
    Sqlite,
}
