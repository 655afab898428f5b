using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Sends subgraph requests over pooled HTTP connections (keep-alive; HTTP/2 when the server offers it over TLS), each
/// in a <c>subgraph.fetch</c> span whose child, the HTTP client's span, is the parent of the subgraph's server span.
/// </summary>
public sealed class HttpSubgraphClient : ISubgraphClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptGraphQLResponse = new("application/graphql-response+json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _http;
    private readonly Func<string, TimeSpan> _timeoutOf;
    private readonly ISubgraphRequestSigner? _signer;

    /// <param name="timeoutOf">The timeout of a subgraph, by name.</param>
    /// <param name="handler">The transport; a pooled <see cref="SocketsHttpHandler"/> when <c>null</c>.</param>
    /// <param name="signer">Adds the identity signature to each request; none when <c>null</c>.</param>
    public HttpSubgraphClient(Func<string, TimeSpan> timeoutOf, HttpMessageHandler? handler = null, ISubgraphRequestSigner? signer = null)
    {
        _timeoutOf = timeoutOf;
        _signer = signer;
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 512,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            // Timeouts are per subgraph, applied per request below.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken)
    {
        using var activity = GatewayTracing.Source.StartActivity("subgraph.fetch");
        activity?.SetTag("uce.subgraph", request.Subgraph);
        activity?.SetTag("graphql.operation.type", request.IsMutation ? "mutation" : "query");
        activity?.SetTag("server.address", request.Url.Host);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url);
        var content = new ReadOnlyMemoryContent(request.Body);
        content.Headers.ContentType = JsonContentType;
        message.Content = content;
        message.Headers.Accept.Add(AcceptGraphQLResponse);
        message.Headers.Accept.Add(AcceptJson);
        if (request.Headers is not null)
        {
            // Within a trace of the gateway's own, the HTTP client writes the trace context of its span: the client's
            // forwarded traceparent would make the subgraph's spans siblings of the gateway's, skipping its fetch.
            var traced = Activity.Current is not null;
            foreach (var (name, value) in request.Headers)
            {
                if (traced && IsTraceContext(name))
                {
                    continue;
                }

                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        _signer?.Sign(request, message.Headers);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeoutOf(request.Subgraph));
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return new SubgraphResponse((int)response.StatusCode, body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            throw new SubgraphTimeoutException($"Subgraph '{request.Subgraph}' did not answer within {_timeoutOf(request.Subgraph).TotalMilliseconds:0} ms.", ex);
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTraceContext(string header) =>
        header.Equals("traceparent", StringComparison.OrdinalIgnoreCase) || header.Equals("tracestate", StringComparison.OrdinalIgnoreCase);
}
