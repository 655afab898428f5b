using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>Trusted documents over <c>graphql-transport-ws</c>: a <c>subscribe</c> payload names its document by id as a POST body does.</summary>
public sealed class PersistedDocumentWebSocketTests : IAsyncLifetime
{
    private TrustedDocumentSetup _setup = null!;
    private GatewayTestHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _setup = await TrustedDocumentSetup.StartAsync();
        _gateway = await _setup.StartGatewayAsync(overSockets: true);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _setup.DisposeAsync();
    }

    [Fact]
    public async Task A_subscribe_by_document_id_runs_the_trusted_document_and_a_partners_document_is_refused()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.InitAsync(TokenOf(Partner));

        await client.SendAsync(new { id = "1", type = "subscribe", payload = new { documentId = CatalogueId } });
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        await client.SendAsync(new { id = "2", type = "subscribe", payload = new { query = Catalogue } });
        var error = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("Charger", next.GetProperty("payload").GetProperty("data").GetProperty("products")[0].GetProperty("name").GetString());
        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Single(_setup.Products.Requests);
    }

    [Fact]
    public async Task An_api_key_in_connection_init_identifies_the_client()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["X-API-Key"] = PartnerApiKey } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync()).GetProperty("type").GetString());

        await client.SendAsync(new { id = "1", type = "subscribe", payload = new { query = Catalogue } });
        var error = await client.ReceiveAsync();

        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_api_key_in_connection_init_closes_the_connection_with_4403()
    {
        await using var client = await GatewayWebSocketClient.ConnectAsync(_gateway.Address!);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["X-API-Key"] = "nope" } });

        var (code, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4403, code);
    }
}
