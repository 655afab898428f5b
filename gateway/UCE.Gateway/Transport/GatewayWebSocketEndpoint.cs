using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Authentication;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Persisted;
using UCE.Gateway.RateLimiting;
using UCE.Gateway.Supergraph;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.Subscriptions;
using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Gateway.Transport;

/// <summary>
/// <c>/graphql</c> upgraded to a WebSocket with the <c>graphql-transport-ws</c> subprotocol. The caller proves itself in
/// <c>connection_init</c>: a bearer token in the payload (<c>Authorization</c>, <c>authorization</c> or <c>token</c>, or
/// <c>headers.Authorization</c>), else the upgrade request's own <c>Authorization</c> header, else it is anonymous. A
/// refused token closes the connection with 4403. A developer gets query plans in <c>extensions.queryPlan</c> with
/// <c>UCE-Query-Plan: true</c> on the upgrade or in the payload. Each <c>subscribe</c> runs on the supergraph served when
/// it started, until it ends, even across a reload. A <c>subscribe</c> payload may name a trusted document by id as a POST
/// body does; an API key goes in the upgrade request's header or as a <c>connection_init</c> payload entry of that name.
/// </summary>
public sealed partial class GatewayWebSocketEndpoint
{
    private readonly ActiveSupergraph _active;
    private readonly BearerTokenAuthenticator _authenticator;
    private readonly GraphQLHttpEndpoint _http;
    private readonly GatewayRateLimiter _rateLimiter;
    private readonly PersistedClientIdentifier _clients;
    private readonly PersistedDocumentResolver _persisted;
    private readonly GatewayHostOptions _options;
    private readonly SubscriptionSettings _settings;
    private readonly ILogger<GatewayWebSocketEndpoint> _logger;
    private int _connections;
    private long _upgradedAtConnection;

    public GatewayWebSocketEndpoint(
        ActiveSupergraph active,
        BearerTokenAuthenticator authenticator,
        GraphQLHttpEndpoint http,
        GatewayRateLimiter rateLimiter,
        PersistedClientIdentifier clients,
        PersistedDocumentResolver persisted,
        IOptions<GatewayHostOptions> options,
        ILogger<GatewayWebSocketEndpoint> logger)
    {
        _active = active;
        _authenticator = authenticator;
        _http = http;
        _rateLimiter = rateLimiter;
        _clients = clients;
        _persisted = persisted;
        _options = options.Value;
        _settings = _options.Subscriptions.ToSettings(_options.MaxRequestBodyBytes);
        _logger = logger;
    }

    /// <summary>Open WebSocket connections.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>WebSockets answered below the HTTP server (<see cref="WebSocketUpgradeAtConnection"/>) since the start.</summary>
    public long ConnectionsUpgradedAtConnection => Interlocked.Read(ref _upgradedAtConnection);

    /// <summary>The header an API key comes in, on the upgrade request as on any request.</summary>
    internal string ApiKeyHeader => _clients.ApiKeyHeader;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketMessageTypes.SubProtocol, StringComparer.Ordinal))
        {
            await _http.WriteErrorAsync(context, ResponseFormat.Json, new TransportError(StatusCodes.Status400BadRequest, "BAD_REQUEST", $"A WebSocket on /graphql speaks the '{GraphQLWebSocketMessageTypes.SubProtocol}' subprotocol; ask for it in Sec-WebSocket-Protocol."));
            return;
        }

        // One count for both ways in (this one and WebSocketUpgradeAtConnection): Kestrel's own limit of upgraded
        // connections sees only the upgrades that come through the HTTP server.
        if (!TryOpenConnection(_options.Server.MaxWebSocketConnections))
        {
            context.Response.Headers.RetryAfter = "5";
            await _http.WriteErrorAsync(context, ResponseFormat.Json, new TransportError(StatusCodes.Status503ServiceUnavailable, "TOO_MANY_WEBSOCKETS", $"This gateway holds its limit of {_options.Server.MaxWebSocketConnections} WebSockets; connect again later."));
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(GraphQLWebSocketMessageTypes.SubProtocol);
            var headers = context.Request.Headers;
            await RunAsync(
                socket,
                headers[HeaderNames.Authorization].ToString(),
                headers[GraphQLHttpEndpoint.QueryPlanHeader].ToString(),
                headers[_clients.ApiKeyHeader].ToString(),
                context.Connection.RemoteIpAddress,
                atConnection: false,
                context.RequestAborted,
                context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        }
        finally
        {
            CloseConnection();
        }
    }

    /// <summary>Counts a WebSocket about to be accepted (either way in); false (nothing counted) at <paramref name="limit"/>.</summary>
    internal bool TryOpenConnection(long limit)
    {
        while (true)
        {
            var open = Volatile.Read(ref _connections);
            if (open >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _connections, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    /// <summary>Uncounts a WebSocket <see cref="TryOpenConnection"/> counted.</summary>
    internal void CloseConnection() => Interlocked.Decrement(ref _connections);

    /// <summary>
    /// Runs the protocol on an accepted WebSocket until it closes: the upgrade request's <c>Authorization</c>, query plan
    /// and API key headers stand in for a <c>connection_init</c> payload without them.
    /// </summary>
    internal Task RunAsync(WebSocket socket, string authorization, string queryPlan, string apiKey, IPAddress? address, bool atConnection, CancellationToken aborted, CancellationToken stopping)
    {
        if (atConnection)
        {
            Interlocked.Increment(ref _upgradedAtConnection);
        }

        // Not awaited here (no frame of this method stays for the connection's life): the connection disposes itself when it ends.
        var connection = new GraphQLWebSocketConnection(socket, new Handler(this, authorization, queryPlan, apiKey, address), _settings, _logger);
        return connection.RunAsync(aborted, stopping);
    }

    /// <summary>The bearer token of a <c>connection_init</c> payload, or <paramref name="upgradeAuthorization"/> when it has none.</summary>
    internal static string? AuthorizationOf(JsonElement? payload, string? upgradeAuthorization)
    {
        if (payload is { ValueKind: JsonValueKind.Object } init)
        {
            foreach (var name in (string[])["Authorization", "authorization", "token"])
            {
                if (init.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    var text = value.GetString()!;
                    return name == "token" && !text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer " + text : text;
                }
            }

            if (init.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (header.NameEquals("Authorization") || header.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                    {
                        return header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : null;
                    }
                }
            }
        }

        return string.IsNullOrEmpty(upgradeAuthorization) ? null : upgradeAuthorization;
    }

    private static byte[] ErrorsJson(IReadOnlyList<System.Text.Json.Nodes.JsonObject> errors)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                error.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ErrorJson(string code, string message) =>
        ErrorsJson([new System.Text.Json.Nodes.JsonObject { ["message"] = message, ["extensions"] = new System.Text.Json.Nodes.JsonObject { ["code"] = code } }]);

    /// <summary>One WebSocket's side of the protocol: authenticates <c>connection_init</c>.</summary>
    /// <param name="endpoint">The endpoint whose services it uses.</param>
    /// <param name="upgradeAuthorization">The upgrade request's <c>Authorization</c> header ("" without).</param>
    /// <param name="upgradeQueryPlan">Its query plan header.</param>
    /// <param name="upgradeApiKey">Its API key header.</param>
    /// <param name="address">The client's address, for the rate limits.</param>
    private sealed class Handler(GatewayWebSocketEndpoint endpoint, string upgradeAuthorization, string upgradeQueryPlan, string upgradeApiKey, IPAddress? address) : IGraphQLWebSocketHandler
    {

        public async ValueTask<WebSocketInitialisation> InitialiseAsync(JsonElement? payload, CancellationToken cancellationToken)
        {
            var headers = new HeaderDictionary();
            if (AuthorizationOf(payload, upgradeAuthorization) is { } authorization)
            {
                headers[HeaderNames.Authorization] = authorization;
            }

            // A developer asks for query plans with the header on the upgrade or as a payload entry of the same name.
            headers[GraphQLHttpEndpoint.QueryPlanHeader] = payload is { ValueKind: JsonValueKind.Object } init
                && init.TryGetProperty(GraphQLHttpEndpoint.QueryPlanHeader, out var plan)
                && plan.ValueKind is JsonValueKind.True or JsonValueKind.String
                    ? (plan.ValueKind == JsonValueKind.True ? "true" : plan.GetString())
                    : upgradeQueryPlan;

            var authentication = await endpoint._authenticator.AuthenticateAsync(headers, cancellationToken).ConfigureAwait(false);
            if (authentication.Failure is { } failure)
            {
                return WebSocketInitialisation.Refused(failure.Description);
            }

            var caller = authentication.Identity;
            var apiKey = payload is { ValueKind: JsonValueKind.Object } entries
                && entries.TryGetProperty(endpoint._clients.ApiKeyHeader, out var key) && key.ValueKind == JsonValueKind.String
                    ? key.GetString()
                    : upgradeApiKey;
            if (endpoint._clients.Identify(caller, apiKey) is not { } client)
            {
                return WebSocketInitialisation.Refused("The API key is not known.");
            }

            return new WebSocketInitialisation(new Session(endpoint, caller, endpoint._http.CallerContextOf(headers, caller, forwardAllowed: false), client, address), null);
        }
    }

    /// <summary>An acknowledged connection: runs each operation as its caller, within the per-connection and rate limits.</summary>
    private sealed class Session(GatewayWebSocketEndpoint endpoint, CallerIdentity identity, GraphQLHttpEndpoint.CallerContext caller, PersistedClient client, IPAddress? address) : IGraphQLWebSocketSession
    {
        private int _running;

        public WebSocketOperationStart Prepare(JsonElement payload)
        {
            // The message's JSON is released once this returns; the operation keeps a copy of its payload.
            var copy = payload.Clone();
            if (!GraphQLHttpRequestReader.TryReadOperation(copy, out var operation, out var error))
            {
                return WebSocketOperationStart.Refused(error!.Message);
            }

            return new WebSocketOperationStart((results, stopping) => SubscriptionRun.Begin(this, operation!, results, stopping));
        }

        public GatewayWebSocketEndpoint Endpoint => endpoint;

        public GraphQLHttpEndpoint.CallerContext Caller => caller;

        public PersistedClient Client => client;

        /// <summary>Counts an operation in; false (and not counted) when the connection already runs its limit.</summary>
        public bool TryBeginOperation()
        {
            if (Interlocked.Increment(ref _running) > endpoint._options.Subscriptions.MaxOperationsPerConnection)
            {
                Interlocked.Decrement(ref _running);
                return false;
            }

            return true;
        }

        public void EndOperation() => Interlocked.Decrement(ref _running);

        public async ValueTask<byte[]?> RateLimitedAsync(CancellationToken cancellationToken)
        {
            if (!endpoint._rateLimiter.Enabled)
            {
                return null;
            }

            var client = new RateLimitClient(CallerIdentity.NameOf(identity.Role), identity.ClientId, identity.Subject, address);
            var decision = await endpoint._rateLimiter.AcquireAsync(client, 1, cancellationToken).ConfigureAwait(false);
            if (decision.Allowed)
            {
                return null;
            }

            var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            return ErrorJson("RATE_LIMITED", string.Create(CultureInfo.InvariantCulture, $"Too many operations from this client; retry after {seconds} s."));
        }
    }
}
