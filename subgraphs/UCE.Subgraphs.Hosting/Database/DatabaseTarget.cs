using Microsoft.Extensions.Configuration;
using Npgsql;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>The database a subgraph uses: PostgreSQL when a connection string is configured, otherwise an SQLite file.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string? SqliteFile)
{
    /// <summary>Largest number of connections one pool opens (<c>Maximum Pool Size</c> of the primary's connection string).</summary>
    public const string MaxPoolSizeKey = "Subgraph:Database:MaxPoolSize";

    /// <summary>Connections a pool keeps open when idle (<c>Minimum Pool Size</c>, both pools).</summary>
    public const string MinPoolSizeKey = "Subgraph:Database:MinPoolSize";

    /// <summary>Largest number of connections to the read-only database; unset → <see cref="MaxPoolSizeKey"/>.</summary>
    public const string ReadOnlyMaxPoolSizeKey = "Subgraph:Database:ReadOnlyMaxPoolSize";

    /// <summary>How many <c>DbContext</c> instances each context pool keeps for reuse (EF Core's default is 1024).</summary>
    public const string ContextPoolSizeKey = "Subgraph:Database:ContextPoolSize";

    /// <summary>
    /// A second PostgreSQL connection string (a read replica) for the reads of query operations; null when queries use
    /// the primary too. Mutations, reads inside a mutation, subscriptions and background work always use the primary.
    /// </summary>
    public string? ReadOnlyConnectionString { get; init; }

    /// <summary>The EF Core context pool size (<see cref="ContextPoolSizeKey"/>).</summary>
    public int ContextPoolSize { get; init; } = 1024;

    /// <summary>
    /// Picks the database: an explicit connection string, else <c>ConnectionStrings:&lt;Name&gt;</c>
    /// (<c>ConnectionStrings__Billing</c> in the environment), else <c>&lt;data dir&gt;/&lt;name&gt;.db</c>
    /// with the data directory from the options, <c>UCE_DATA_DIR</c>, or <c>./data</c>. On PostgreSQL the read-only
    /// connection string comes from the options or <c>ConnectionStrings:&lt;Name&gt;ReadOnly</c>, and the pool sizes
    /// under <c>Subgraph:Database</c> override the connection strings' own.
    /// </summary>
    public static DatabaseTarget Select(SubgraphModule module, SubgraphHostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var contextPoolSize = configuration.GetValue<int?>(ContextPoolSizeKey) ?? 1024;
        var connectionString = options.ConnectionString ?? configuration.GetConnectionString(ConnectionStringName(module));
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var maxPoolSize = configuration.GetValue<int?>(MaxPoolSizeKey);
            var minPoolSize = configuration.GetValue<int?>(MinPoolSizeKey);
            var readOnly = options.ReadOnlyConnectionString ?? configuration.GetConnectionString(ConnectionStringName(module) + "ReadOnly");
            return new DatabaseTarget(DatabaseProvider.PostgreSql, WithPool(connectionString, maxPoolSize, minPoolSize), null)
            {
                ReadOnlyConnectionString = string.IsNullOrWhiteSpace(readOnly)
                    ? null
                    : WithPool(readOnly, configuration.GetValue<int?>(ReadOnlyMaxPoolSizeKey) ?? maxPoolSize, minPoolSize),
                ContextPoolSize = contextPoolSize,
            };
        }

        var directory = options.DataDirectory ?? configuration["UCE_DATA_DIR"];
        directory = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? "data" : directory);
        var file = Path.Combine(directory, module.Name + ".db");
        return new DatabaseTarget(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True", file) { ContextPoolSize = contextPoolSize };
    }

    /// <summary><c>customers</c> → <c>Customers</c>, the key under <c>ConnectionStrings</c>.</summary>
    public static string ConnectionStringName(SubgraphModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return string.Concat(char.ToUpperInvariant(module.Name[0]).ToString(), module.Name.AsSpan(1));
    }

    private static string WithPool(string connectionString, int? maxPoolSize, int? minPoolSize)
    {
        if (maxPoolSize is null && minPoolSize is null)
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (maxPoolSize is { } max)
        {
            builder.MaxPoolSize = max;
        }

        if (minPoolSize is { } min)
        {
            builder.MinPoolSize = min;
        }

        return builder.ConnectionString;
    }
}

/// <summary>The database engines a subgraph runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Production and tests: migrations applied on start.</summary>
    PostgreSql,

    /// <summary>The embedded default: schema created from the model on start.</summary>
    Sqlite,
}
