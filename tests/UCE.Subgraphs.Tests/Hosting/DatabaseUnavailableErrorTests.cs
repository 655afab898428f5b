using GraphQL.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>
/// A resolver whose database is out of reach (restarting, connection lost, busy) answers <c>DATABASE_UNAVAILABLE</c> with
/// a message that says to retry, not the opaque <c>INTERNAL_SERVER_ERROR</c>; any other failure stays internal.
/// </summary>
public sealed class DatabaseUnavailableErrorTests
{
    private readonly SubgraphErrorInfoProvider provider = new();

    [Fact]
    public async Task A_postgresql_server_that_refuses_the_connection_is_database_unavailable()
    {
        // Nothing listens on port 1 of 127.0.0.1: the connection is refused, as while PostgreSQL restarts.
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=postgres;Password=postgres;Timeout=5;Pooling=false");
            await connection.OpenAsync();
        });

        var info = provider.GetInfo(new UnhandledError("Error trying to resolve field 'customer'.", failure));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, info.Extensions!["code"]);
        Assert.Contains("retry", info.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_failure_is_found_below_entity_framework_and_a_server_shutting_down_counts()
    {
        var shutdown = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        var wrapped = new DbUpdateException("An error occurred while saving the entity changes.", shutdown);

        var info = provider.GetInfo(new UnhandledError("Error trying to resolve field 'makePayment'.", wrapped));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, info.Extensions!["code"]);
    }

    [Fact]
    public void A_busy_sqlite_database_is_database_unavailable()
    {
        var busy = new SqliteException("database is locked", 5);

        Assert.Equal(ErrorCodes.DatabaseUnavailable, provider.GetInfo(new UnhandledError("Error trying to resolve field 'customer'.", busy)).Extensions!["code"]);
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    public void Serialization_failures_and_deadlocks_are_not_unavailability(string sqlState)
    {
        var conflict = new PostgresException("could not serialize access", "ERROR", "ERROR", sqlState);

        var info = provider.GetInfo(new UnhandledError("Error trying to resolve field 'makePayment'.", conflict));

        Assert.Equal(ErrorCodes.InternalServerError, info.Extensions!["code"]);
        Assert.Equal("Internal server error.", info.Message);
    }

    [Fact]
    public void Any_other_failure_stays_an_internal_error_without_details()
    {
        var info = provider.GetInfo(new UnhandledError("Error trying to resolve field 'customer'.", new InvalidOperationException("secret detail")));

        Assert.Equal(ErrorCodes.InternalServerError, info.Extensions!["code"]);
        Assert.Equal("Internal server error.", info.Message);
    }
}
