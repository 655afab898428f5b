using Npgsql;

namespace UCE.Gateway.Tests.EndToEnd;

/// <summary>
/// A freshly created PostgreSQL database with a unique name, dropped on dispose. The server comes from
/// <c>UCE_TEST_POSTGRES</c> (default <c>Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres</c>).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private PostgresDatabase(string name, string serverConnectionString, string connectionString)
    {
        Name = name;
        _serverConnectionString = serverConnectionString;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private static string Server =>
        Environment.GetEnvironmentVariable("UCE_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static async Task<PostgresDatabase> CreateAsync(string subgraph)
    {
        var name = $"uce_gw_{subgraph}_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new PostgresDatabase(name, server.ConnectionString, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
