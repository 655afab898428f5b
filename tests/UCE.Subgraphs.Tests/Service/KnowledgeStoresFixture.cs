using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>The service subgraph twice, seeded with the same demo set: on a fresh PostgreSQL database and on an SQLite file.</summary>
public sealed class KnowledgeStoresFixture : IAsyncLifetime
{
    private PostgresDatabase? database;

    public SubgraphTestHost Postgres { get; private set; } = null!;

    public SubgraphTestHost Sqlite { get; private set; } = null!;

    /// <summary>Both hosts, named for test output.</summary>
    public IEnumerable<(string Store, SubgraphTestHost Host)> Stores => [("PostgreSQL", Postgres), ("SQLite", Sqlite)];

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("knowledge");
        Postgres = await SubgraphTestHost.StartAsync(new ServiceSubgraph(), database.ConnectionString);
        Sqlite = await SubgraphTestHost.StartAsync(new ServiceSubgraph(), connectionString: null);
    }

    public async Task DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        await Postgres.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
