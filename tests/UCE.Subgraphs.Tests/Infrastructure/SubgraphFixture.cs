using UCE.Subgraphs.Hosting;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// A class fixture: one fresh PostgreSQL database and one seeded in-memory host of <typeparamref name="TModule"/> for the
/// test class, dropped afterwards. Use as <c>IClassFixture&lt;SubgraphFixture&lt;BillingSubgraph&gt;&gt;</c>.
/// </summary>
public class SubgraphFixture<TModule> : IAsyncLifetime
    where TModule : SubgraphModule, new()
{
    private PostgresDatabase? database;
    private SubgraphTestHost? host;

    public PostgresDatabase Database => database ?? throw new InvalidOperationException("The fixture has not started.");

    public SubgraphTestHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public GraphQLClient GraphQL => Host.GraphQL;

    public virtual async Task InitializeAsync()
    {
        var module = new TModule();
        database = await PostgresDatabase.CreateAsync(module.Name);
        host = await SubgraphTestHost.StartAsync(module, database.ConnectionString);
    }

    public virtual async Task DisposeAsync()
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
