using Microsoft.Extensions.Time.Testing;
using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>
/// The service subgraph on a fresh PostgreSQL database with the demo set, on a clock the test moves: cases are opened,
/// resolved and reopened at known instants.
/// </summary>
public sealed class ServiceClockFixture : IAsyncLifetime
{
    private PostgresDatabase? database;
    private SubgraphTestHost? host;

    /// <summary>Noon UTC today when the fixture starts; tests only move it forward.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero));

    public SubgraphTestHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public GraphQLClient As(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller) => Host.As(caller);

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("service");
        host = await SubgraphTestHost.StartAsync(new ServiceSubgraph(), database.ConnectionString, clock: Clock);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
