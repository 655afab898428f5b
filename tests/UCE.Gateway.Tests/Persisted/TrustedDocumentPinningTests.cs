using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UCE.Gateway.Engine;
using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>
/// The gateway hands its trusted documents to the engine ahead of their requests: after a start, a push and a supergraph
/// reload, a trusted document's first request is neither parsed nor planned.
/// </summary>
public sealed class TrustedDocumentPinningTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private TrustedDocumentSetup _setup = null!;
    private GatewayTestHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _setup = await TrustedDocumentSetup.StartAsync();
        _gateway = await _setup.StartGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _setup.DisposeAsync();
    }

    [Fact]
    public async Task After_the_start_a_trusted_document_is_answered_without_parsing_or_planning()
    {
        var engine = Engine();

        // Catalogue, Customer and Priced: the portal's two documents are the partner's texts, held once.
        Assert.Equal(3, engine.PinnedDocuments);
        await AssertAnsweredUnpreparedAsync(engine, CatalogueId);
    }

    [Fact]
    public async Task After_a_push_the_new_document_is_answered_without_parsing_or_planning()
    {
        const string Named = "query Named { products { name } }";
        var store = _gateway.Services.GetRequiredService<IPersistedDocumentStore>();
        await store.PublishAsync(Partner, [new PersistedDocument(CatalogueId, Catalogue), new PersistedDocument(CustomerId, Customer), new PersistedDocument(null, Priced), new PersistedDocument("named-v1", Named)], CancellationToken.None);

        var engine = Engine();
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(engine.PinnedDocuments == 4), Timeout, "the pushed document is held by the engine");
        await AssertAnsweredUnpreparedAsync(engine, "named-v1");
    }

    [Fact]
    public async Task After_a_supergraph_reload_the_new_engine_answers_a_trusted_document_without_parsing_or_planning()
    {
        var before = Engine();
        await _gateway.ReplaceSupergraphAsync(TrustedDocumentSetup.Supergraph + "\n# the same graph, deployed again\n");
        await GatewayTestHost.WaitUntilAsync(() => Task.FromResult(_gateway.Active.Generation == 2), Timeout, "the new supergraph is served");

        var after = Engine();
        Assert.NotSame(before, after);
        Assert.Equal(3, after.PinnedDocuments);
        await AssertAnsweredUnpreparedAsync(after, CatalogueId);
    }

    private FederatedGateway Engine() => Assert.IsType<FederatedGateway>(_gateway.Active.Current!.Engine);

    private async Task AssertAnsweredUnpreparedAsync(FederatedGateway engine, string id)
    {
        var (documents, plans) = (engine.DocumentCacheStatistics, engine.PlanCacheStatistics);

        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = id })).WithToken(TokenOf(Partner)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("""{"data":{"products":[""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((documents.Hits + 1, documents.Misses), engine.DocumentCacheStatistics);
        Assert.Equal((plans.Hits + 1, plans.Misses), engine.PlanCacheStatistics);
    }
}
