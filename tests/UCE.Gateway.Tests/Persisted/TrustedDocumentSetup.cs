using System.Text.Json;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>
/// What the trusted-document tests share: the committed supergraph, a few documents, manifests written to a folder of
/// their own, and a gateway over that folder whose products and customers subgraphs are capturing stand-ins.
/// </summary>
public sealed class TrustedDocumentSetup : IAsyncDisposable
{
    public const string Catalogue = "query Catalogue { products { id name } }";
    public const string CatalogueId = "catalogue-v1";
    public const string Customer = "query Customer { customer(id: \"cus-000001\") { id } }";
    public const string CustomerId = "customer-v1";
    public const string Priced = "query Priced($category: ProductCategory!) { products(category: $category) { id name } }";
    public const string ProductsAnswer = """{"data":{"products":[{"id":"p1","name":"Charger"}]}}""";

    /// <summary>A persisted-only partner with an API key.</summary>
    public const string Partner = "partner-x";
    public const string PartnerApiKey = "partner-x-key-0123456789";

    /// <summary>A first-party client: free documents and automatic persisted queries.</summary>
    public const string Portal = "portal-x";

    /// <summary>A first-party client that may not use automatic persisted queries.</summary>
    public const string Kiosk = "kiosk-x";

    public static readonly string Supergraph = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"));

    /// <summary>The committed manifest folder, <c>schema/persisted</c>.</summary>
    public static string ShippedManifests => Path.GetDirectoryName(UceSubgraphsFixture.RepositoryFile("schema/persisted/energy-insights.json"))!;

    private TrustedDocumentSetup(string directory, CapturingSubgraph products, CapturingSubgraph customers)
    {
        Directory = directory;
        Products = products;
        Customers = customers;
    }

    /// <summary>The manifest folder.</summary>
    public string Directory { get; }

    public CapturingSubgraph Products { get; }

    public CapturingSubgraph Customers { get; }

    public static string CatalogueSha256 => PersistedDocument.Sha256Hex(Catalogue);

    public static async Task<TrustedDocumentSetup> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "uce-gateway-tests", "persisted-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var manifest = ApolloManifest((CatalogueId, "Catalogue", Catalogue), (CustomerId, "Customer", Customer), (null, "Priced", Priced));
        await File.WriteAllTextAsync(Path.Combine(directory, Partner + ".json"), manifest);
        await File.WriteAllTextAsync(Path.Combine(directory, Portal + ".json"), RelayManifest(("portal-catalogue", Catalogue), ("portal-customer", Customer)));
        return new TrustedDocumentSetup(directory, await CapturingSubgraph.StartAsync(ProductsAnswer), await CapturingSubgraph.StartAsync());
    }

    /// <summary>The gateway settings of these tests: the manifest folder, the three clients, the capturing subgraphs.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Subgraphs:products:Url"] = Products.Url.ToString(),
            ["Gateway:Subgraphs:customers:Url"] = Customers.Url.ToString(),
            ["Gateway:PersistedDocuments:Directory"] = Directory,
            [$"Gateway:PersistedDocuments:Clients:{Partner}:PersistedOnly"] = "true",
            [$"Gateway:PersistedDocuments:Clients:{Partner}:ApiKeys:0"] = PartnerApiKey,
            [$"Gateway:PersistedDocuments:Clients:{Kiosk}:AllowApq"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public Task<GatewayTestHost> StartGatewayAsync(IDictionary<string, string?>? more = null, bool overSockets = false) =>
        GatewayTestHost.StartFederatedAsync(Supergraph, Settings(more), overSockets: overSockets);

    /// <summary>A token of <paramref name="client"/> (a partner's for <see cref="Partner"/>, an agent's otherwise).</summary>
    public static string TokenOf(string client) => client == Partner
        ? TestTokenIssuer.Default.CreateToken("partner", scopes: "products:read", clientId: client)
        : TestTokenIssuer.Default.CreateToken("agent", clientId: client);

    public static string ApolloManifest(params (string? Id, string Name, string Body)[] operations) => JsonSerializer.Serialize(new
    {
        format = PersistedManifest.ApolloFormat,
        version = 1,
        operations = operations.Select(operation => new Dictionary<string, string?>
        {
            ["id"] = operation.Id,
            ["name"] = operation.Name,
            ["type"] = operation.Body.StartsWith("mutation", StringComparison.Ordinal) ? "mutation" : "query",
            ["body"] = operation.Body,
        }.Where(entry => entry.Value is not null).ToDictionary()),
    });

    public static string RelayManifest(params (string Id, string Body)[] documents) =>
        JsonSerializer.Serialize(documents.ToDictionary(document => document.Id, document => document.Body));

    public async ValueTask DisposeAsync()
    {
        await Products.DisposeAsync();
        await Customers.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS later.
        }
    }
}
