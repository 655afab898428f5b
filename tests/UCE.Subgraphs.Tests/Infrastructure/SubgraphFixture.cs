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

    /// <summary>An anonymous client.</summary>
    public GraphQLClient GraphQL => Host.GraphQL;

    /// <summary>A client that calls as <paramref name="caller"/>.</summary>
    public GraphQLClient As(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller) => Host.As(caller);

    /// <summary>Configuration the host starts with (<c>Subgraph:MaxDepth</c> …); none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Configuration => null;

    public virtual async Task InitializeAsync()
    {
        var module = new TModule();
        database = await PostgresDatabase.CreateAsync(module.Name);
        host = await SubgraphTestHost.StartAsync(module, database.ConnectionString, configuration: Configuration);
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
