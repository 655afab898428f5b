using UCE.Tests.Shared;

namespace UCE.Gateway.Tests.Support;

/// <summary>A <c>graphql-transport-ws</c> client of the gateway: <c>connection_init</c> carries a bearer token as browser clients send it.</summary>
public sealed class GatewayWebSocketClient : GraphQLTransportWsClient
{
    private GatewayWebSocketClient(System.Net.WebSockets.ClientWebSocket socket)
        : base(socket)
    {
    }

    public static async Task<GatewayWebSocketClient> ConnectAsync(Uri baseAddress) => new(await ConnectSocketAsync(baseAddress));

    /// <summary>Sends <c>connection_init</c> with <c>{"Authorization": "Bearer …"}</c> (an empty payload without a token) and waits for the ack.</summary>
    public async Task InitAsync(string? token)
    {
        await SendAsync(new { type = "connection_init", payload = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }
}
