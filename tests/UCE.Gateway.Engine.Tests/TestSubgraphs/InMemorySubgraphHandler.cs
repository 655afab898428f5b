using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>How a test subgraph misbehaves.</summary>
public enum SubgraphFault
{
    None,

    /// <summary>The connection is refused.</summary>
    Down,

    /// <summary>Never answers (until the request is cancelled).</summary>
    Hang,

    /// <summary>Answers HTTP 500 with an HTML body.</summary>
    Http500,

    /// <summary>Answers 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>Answers 200 with JSON that is not a GraphQL response.</summary>
    NotGraphQL,
}

/// <summary>
/// Serves <see cref="DataSubgraph"/>s in memory at <c>http://{name}/graphql</c>, records every request body, and can make a
/// subgraph fail on purpose or hold its requests until the test lets them through.
/// </summary>
public sealed class InMemorySubgraphHandler : HttpMessageHandler
{
    private readonly Dictionary<string, DataSubgraph> _subgraphs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SubgraphFault> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public InMemorySubgraphHandler(params DataSubgraph[] subgraphs)
    {
        foreach (var subgraph in subgraphs)
        {
            _subgraphs[subgraph.Name] = subgraph;
        }
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyDictionary<string, Uri> Urls => _subgraphs.Keys.ToDictionary(name => name, name => new Uri($"http://{name}/graphql"), StringComparer.Ordinal);

    public void SetFault(string subgraph, SubgraphFault fault) => _faults[subgraph] = fault;

    /// <summary>Holds every request to <paramref name="subgraph"/>, once recorded, until <paramref name="gate"/> completes.</summary>
    public void SetGate(string subgraph, Task gate) => SetGate(subgraph, cancellationToken => gate.WaitAsync(cancellationToken));

    /// <summary>Holds every request to <paramref name="subgraph"/>, once recorded, until the task <paramref name="pass"/> returns completes.</summary>
    public void SetGate(string subgraph, Func<CancellationToken, Task> pass) => _gates[subgraph] = pass;

    public IReadOnlyList<RecordedRequest> RequestsTo(string subgraph) => [.. _requests.Where(r => r.Subgraph == subgraph)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = request.RequestUri!.Host;
        var bodyBytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        using var body = JsonDocument.Parse(bodyBytes);
        _requests.Enqueue(new RecordedRequest(name, body.RootElement.Clone(), request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));

        if (_gates.TryGetValue(name, out var pass))
        {
            await pass(cancellationToken);
        }

        switch (_faults.GetValueOrDefault(name))
        {
            case SubgraphFault.Down:
                throw new HttpRequestException("Connection refused (in-memory subgraph is down).", null, HttpStatusCode.ServiceUnavailable);
            case SubgraphFault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case SubgraphFault.Http500:
                return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>Internal Server Error</html>", Encoding.UTF8, "text/html") };
            case SubgraphFault.MalformedJson:
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"data\": {\"oops", Encoding.UTF8, "application/json") };
            case SubgraphFault.NotGraphQL:
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"status\": \"ok\"}", Encoding.UTF8, "application/json") };
        }

        if (!_subgraphs.TryGetValue(name, out var subgraph))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var answer = await subgraph.ExecuteAsync(body.RootElement, cancellationToken);
        var content = new ByteArrayContent(answer);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}

/// <summary>One request a test subgraph received.</summary>
public sealed record RecordedRequest(string Subgraph, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Query => Body.GetProperty("query").GetString()!;

    public JsonElement Variables => Body.GetProperty("variables");

    public int RepresentationCount =>
        Variables.TryGetProperty("representations", out var representations) ? representations.GetArrayLength() : 0;
}
