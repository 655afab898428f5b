using Npgsql;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// A freshly created PostgreSQL database with a unique name, dropped on dispose. The server comes from
/// <c>UCE_TEST_POSTGRES</c> (default <c>Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres</c>).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string name, string serverConnectionString, string connectionString)
    {
        Name = name;
        ServerConnectionString = serverConnectionString;
        ConnectionString = connectionString;
    }

    /// <summary>The server the tests use, without a database.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable("UCE_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public string Name { get; }

    public string ServerConnectionString { get; }

    /// <summary>Connects to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database named <c>uce_&lt;prefix&gt;_&lt;random&gt;</c>.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string prefix)
    {
        var name = $"uce_{Sanitize(prefix)}_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new PostgresDatabase(name, server.ConnectionString, database.ConnectionString);
    }

    /// <summary>A unique name <c>uce_&lt;prefix&gt;_&lt;random&gt;</c> for a database that does not exist yet; dropped on dispose if it was created.</summary>
    public static PostgresDatabase NotYetCreated(string prefix)
    {
        var name = $"uce_{Sanitize(prefix)}_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        var database = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new PostgresDatabase(name, server.ConnectionString, database.ConnectionString);
    }

    /// <summary>True when the server has a database of this name.</summary>
    public async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>Runs one SQL statement against this database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string prefix)
    {
        var letters = new string(prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray());
        return letters.Length > 24 ? letters[..24] : letters;
    }
}
