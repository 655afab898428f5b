using Microsoft.Extensions.Logging;
using Npgsql;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Creates a subgraph's PostgreSQL database when the server lacks it, asking the server's <c>postgres</c> maintenance
/// database. EF Core's migrator finds a missing database by failing to connect to it, which it logs as an error on
/// every normal first start.
/// </summary>
internal static partial class PostgresDatabaseCreator
{
    private const string DuplicateDatabase = "42P04";

    /// <summary>True when the database exists now; false when that could not be found out (EF Core then creates it as usual).</summary>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = string.IsNullOrEmpty(target.Database) ? target.Username : target.Database;
        if (string.IsNullOrEmpty(name) || name == "postgres")
        {
            return false;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                await using (exists.ConfigureAwait(false))
                {
                    exists.Parameters.AddWithValue("name", name);
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                    {
                        return true;
                    }
                }

                var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
                await using (create.ConfigureAwait(false))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                LogCreated(logger, name);
                return true;
            }
        }
        catch (PostgresException ex) when (ex.SqlState == DuplicateDatabase)
        {
            // Another process created it at the same moment.
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // No access to the maintenance database (a managed server, a restricted role): EF Core creates it as before.
            LogMaintenanceUnavailable(logger, name, ex.Message);
            return false;
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the PostgreSQL database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not check for the PostgreSQL database {Database} through the postgres database ({Reason}); migrations will create it")]
    private static partial void LogMaintenanceUnavailable(ILogger logger, string database, string reason);
}
