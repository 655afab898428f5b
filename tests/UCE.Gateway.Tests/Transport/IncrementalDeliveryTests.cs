using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine;
using UCE.Gateway.Supergraph;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Transport;

/// <summary><c>@defer</c> over HTTP: <c>multipart/mixed; deferSpec=20220824</c> parts as Apollo Router writes them, or 406.</summary>
public sealed class IncrementalDeliveryTests : IAsyncLifetime
{
    private const string MultipartAccept = "multipart/mixed;deferSpec=20220824, application/json";
    private readonly DeferringEngine _engine = new();
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, new SingleEngineFactory(_engine));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_primary_part_is_flushed_before_the_deferred_part_exists_then_each_part_behind_a_graphql_boundary()
    {
        using var request = GraphQLHttp.PostQuery("{ slow }", accept: MultipartAccept);
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "deferSpec" && p.Value == "20220824");
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "boundary" && p.Value == "\"graphql\"");
        var stream = await response.Content.ReadAsStreamAsync();

        var first = await ReadUntilAsync(stream, new StringBuilder(), "\"hasNext\":true}");
        Assert.Equal("\r\n--graphql\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{\"data\":{\"fast\":1},\"hasNext\":true}", first);
        Assert.False(_engine.Release.Task.IsCompleted);

        _engine.Release.SetResult();
        var rest = await ReadUntilAsync(stream, new StringBuilder(), "--graphql--\r\n");
        Assert.Equal(
            "\r\n--graphql\r\nContent-Type: application/json; charset=utf-8\r\n\r\n"
            + "{\"hasNext\":false,\"incremental\":[{\"data\":{\"slow\":2},\"path\":[],\"label\":\"late\"}]}\r\n--graphql--\r\n",
            rest);
    }

    [Fact]
    public async Task A_deferring_operation_from_a_client_without_multipart_is_refused_with_406_as_apollo_router_does()
    {
        using var response = await _host.Client.SendAsync(GraphQLHttp.PostQuery("{ slow }", accept: "application/json"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("DEFER_BAD_HEADER", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Nothing_deferred_is_answered_as_plain_json_even_when_multipart_is_accepted()
    {
        using var response = await _host.Client.SendAsync(GraphQLHttp.PostQuery("{ fast }", accept: MultipartAccept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":{"fast":1}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_deferred_operation_is_counted_once_in_the_metrics_with_the_errors_of_its_deferred_parts()
    {
        _engine.Release.SetResult();
        using (var request = GraphQLHttp.Post("""{"query":"query LateReport { slow failing }","operationName":"LateReport"}""", accept: MultipartAccept))
        using (var response = await _host.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("LATE_PART_FAILED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var metrics = await _host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lines = metrics.Split('\n');
        Assert.Single(lines, line => line.StartsWith("uce_gateway_operations_total{", StringComparison.Ordinal)
            && line.Contains("graphql_operation_name=\"LateReport\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("uce_gateway_operation_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("graphql_operation_name=\"LateReport\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("uce_gateway_errors_total{", StringComparison.Ordinal)
            && line.Contains("error_code=\"LATE_PART_FAILED\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    private static async Task<string> ReadUntilAsync(Stream stream, StringBuilder text, string end)
    {
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, timeout.Token) == 0)
            {
                break;
            }

            text.Append((char)buffer[0]);
        }

        return text.ToString();
    }

    /// <summary>Defers <c>slow</c> until the test releases it; <c>fast</c> alone is not deferred.</summary>
    private sealed class DeferringEngine : IGatewayEngine
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.RefuseDefer && request.Query!.Contains("slow", StringComparison.Ordinal)
                ? GatewayResponse.RequestError("defer needs multipart", "DEFER_BAD_HEADER")
                : new GatewayResponse { Data = new JsonObject { ["fast"] = 1 } });

        public async IAsyncEnumerable<GatewayResponse> ExecuteIncrementalAsync(GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (!request.Query!.Contains("slow", StringComparison.Ordinal))
            {
                yield return await ExecuteAsync(request, cancellationToken);
                yield break;
            }

            yield return new GatewayResponse { Data = new JsonObject { ["fast"] = 1 }, HasNext = true };
            await Release.Task.WaitAsync(cancellationToken);
            IReadOnlyList<JsonObject>? errors = request.Query.Contains("failing", StringComparison.Ordinal)
                ? [new JsonObject { ["message"] = "The late part failed.", ["extensions"] = new JsonObject { ["code"] = "LATE_PART_FAILED" } }]
                : null;
            yield return new GatewayResponse { HasNext = false, Incremental = [new IncrementalResult(new JsonObject { ["slow"] = 2 }, [], "late", errors)] };
        }
    }

    private sealed class SingleEngineFactory(IGatewayEngine engine) : IGatewayEngineFactory
    {
        public IGatewayEngine Create(string supergraphSdl) => engine;
    }
}
