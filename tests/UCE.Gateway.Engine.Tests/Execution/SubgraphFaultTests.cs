using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.TestSubgraphs;
using static UCE.Gateway.Engine.Tests.TestSubgraphs.PlanSteps;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class SubgraphFaultTests
{
    private const string Query = "{ topProducts { name reviews { body } } me { username } }";

    private static TestGateway CreateGateway(GatewayOptions? options = null)
    {
        var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), options);
        gateway.Plan(Query, Parallel(
            Sequence(
                Root("products", "{ topProducts { __typename upc name } }"),
                Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body } }"))),
            Root("accounts", "{ me { username } }")));
        return gateway;
    }

    private static JsonObject SingleError(JsonObject response)
    {
        var errors = response["errors"]!.AsArray();
        return Assert.Single(errors)!.AsObject();
    }

    private static string[] PathsOf(JsonObject response) =>
        [.. response["errors"]!.AsArray().Select(error => error!["path"]?.ToJsonString() ?? "no path")];

    private static void AssertAllFrom(JsonObject response, string subgraph, string code)
    {
        Assert.All(response["errors"]!.AsArray(), error =>
        {
            Assert.Equal(code, error!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(subgraph, error["extensions"]!["serviceName"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData(SubgraphFault.Down, "SUBGRAPH_REQUEST_FAILED")]
    [InlineData(SubgraphFault.Http500, "SUBGRAPH_REQUEST_FAILED")]
    [InlineData(SubgraphFault.MalformedJson, "SUBGRAPH_INVALID_RESPONSE")]
    [InlineData(SubgraphFault.NotGraphQL, "SUBGRAPH_INVALID_RESPONSE")]
    public async Task Failing_entity_subgraph_leaves_its_fields_null_and_the_rest_of_the_response_arrives(SubgraphFault fault, string code)
    {
        using var gateway = CreateGateway();
        gateway.Subgraphs.SetFault("reviews", fault);

        var response = await gateway.RunAsync(Query);

        ResponseShapeTests.AssertJson("""
            {"data":{"topProducts":[{"name":"Table","reviews":null},{"name":"Couch","reviews":null},{"name":"Chair","reviews":null}],"me":{"username":"ada"}}}
            """, new JsonObject { ["data"] = response["data"]!.DeepClone() });
        Assert.Equal(["""["topProducts",0,"reviews"]""", """["topProducts",1,"reviews"]""", """["topProducts",2,"reviews"]"""], PathsOf(response));
        AssertAllFrom(response, "reviews", code);
    }

    [Theory]
    [InlineData(SubgraphFault.Down, "SUBGRAPH_REQUEST_FAILED", "HTTP fetch failed from 'reviews'")]
    [InlineData(SubgraphFault.Http500, "SUBGRAPH_REQUEST_FAILED", "HTTP fetch failed from 'reviews': 500")]
    [InlineData(SubgraphFault.MalformedJson, "SUBGRAPH_INVALID_RESPONSE", "not a GraphQL response")]
    [InlineData(SubgraphFault.Hang, "SUBGRAPH_TIMEOUT", "did not answer within 300 ms")]
    public async Task Failed_fetch_is_reported_to_the_observer_once_with_subgraph_operation_code_and_reason(SubgraphFault fault, string code, string reason)
    {
        const string named = "query TopProductReviews { topProducts { name reviews { body } } me { username } }";
        var observer = new RecordingFailureObserver();
        using var gateway = CreateGateway(new GatewayOptions
        {
            FetchFailureObserver = observer,
            SubgraphTimeouts = new Dictionary<string, TimeSpan> { ["reviews"] = TimeSpan.FromMilliseconds(300) },
        });
        gateway.Plan(named, Parallel(
            Sequence(
                Root("products", "{ topProducts { __typename upc name } }"),
                Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body } }") with { OperationName = "TopProductReviews__reviews__1" })),
            Root("accounts", "{ me { username } }")));
        gateway.Subgraphs.SetFault("reviews", fault);

        var response = await gateway.RunAsync(named).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, response["errors"]!.AsArray().Count);
        var failure = Assert.Single(observer.Failures);
        Assert.Equal("reviews", failure.Subgraph);
        Assert.Equal("TopProductReviews", failure.OperationName);
        Assert.Equal("TopProductReviews__reviews__1", failure.FetchOperationName);
        Assert.Equal(code, failure.Code);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Successful_fetches_and_anonymous_operations_report_nothing_but_failures()
    {
        var observer = new RecordingFailureObserver();
        using var gateway = CreateGateway(new GatewayOptions { FetchFailureObserver = observer });

        await gateway.RunAsync(Query);
        Assert.Empty(observer.Failures);

        gateway.Subgraphs.SetFault("accounts", SubgraphFault.Down);
        await gateway.RunAsync(Query);

        var failure = Assert.Single(observer.Failures);
        Assert.Equal("accounts", failure.Subgraph);
        Assert.Null(failure.OperationName);
    }

    [Fact]
    public async Task A_throwing_observer_does_not_cost_the_client_its_response()
    {
        using var gateway = CreateGateway(new GatewayOptions { FetchFailureObserver = new ThrowingFailureObserver() });
        gateway.Subgraphs.SetFault("reviews", SubgraphFault.Down);

        var response = await gateway.RunAsync(Query);

        Assert.Equal("Table", response["data"]!["topProducts"]![0]!["name"]!.GetValue<string>());
        AssertAllFrom(response, "reviews", "SUBGRAPH_REQUEST_FAILED");
    }

    [Fact]
    public async Task Failing_root_subgraph_nulls_a_non_null_root_field_and_with_it_data()
    {
        using var gateway = CreateGateway();
        gateway.Subgraphs.SetFault("products", SubgraphFault.Http500);

        var response = await gateway.RunAsync(Query);

        // topProducts is [Product!]!: without it the whole data object is null; reviews was never asked.
        Assert.Null(response["data"]);
        Assert.Equal(["""["topProducts"]"""], PathsOf(response));
        AssertAllFrom(response, "products", "SUBGRAPH_REQUEST_FAILED");
        Assert.Empty(gateway.Subgraphs.RequestsTo("reviews"));
    }

    [Fact]
    public async Task Slow_subgraph_past_its_timeout_becomes_a_timeout_error_without_holding_the_response()
    {
        using var gateway = CreateGateway(new GatewayOptions
        {
            SubgraphTimeout = TimeSpan.FromHours(1),
            SubgraphTimeouts = new Dictionary<string, TimeSpan> { ["reviews"] = TimeSpan.FromMilliseconds(300) },
        });

        // Reviews never answers until its request is cancelled and the default timeout is out of reach, so any answer at
        // all shows that reviews' own timeout let go of it.
        gateway.Subgraphs.SetFault("reviews", SubgraphFault.Hang);

        var response = await gateway.RunAsync(Query).WaitAsync(Eventually.Bound);

        Assert.Equal("Table", response["data"]!["topProducts"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(["""["topProducts",0,"reviews"]""", """["topProducts",1,"reviews"]""", """["topProducts",2,"reviews"]"""], PathsOf(response));
        AssertAllFrom(response, "reviews", "SUBGRAPH_TIMEOUT");
    }

    [Fact]
    public async Task Timeout_applies_to_any_transport_even_one_that_never_answers()
    {
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, ProductCatalogGraph.CreateSubgraphs(), new GatewayOptions
        {
            SubgraphClient = new SilentSubgraphClient(),
            SubgraphTimeout = TimeSpan.FromMilliseconds(200),
        });
        gateway.Plan("{ me { username } }", Root("accounts", "{ me { username } }"));

        var response = await gateway.RunAsync("{ me { username } }").WaitAsync(Eventually.Bound);

        ResponseShapeTests.AssertJson("""{"me":null}""", response["data"]!);
        Assert.Equal("""["me"]""", SingleError(response)["path"]!.ToJsonString());
        Assert.Equal("SUBGRAPH_TIMEOUT", SingleError(response)["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subgraph_refusing_tcp_connections_becomes_a_request_failed_error()
    {
        // A port that was just free and is closed again: connecting to it is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var subgraphs = ProductCatalogGraph.CreateSubgraphs();
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs, new GatewayOptions
        {
            // A timeout far beyond a refused connect, so the error can only be the refusal.
            SubgraphClient = new Engine.Execution.HttpSubgraphClient(_ => Eventually.Bound),
            SubgraphUrlOverrides = new Dictionary<string, Uri> { ["accounts"] = new($"http://127.0.0.1:{port}/graphql") },
        });
        gateway.Plan("{ me { username } }", Root("accounts", "{ me { username } }"));

        var response = await gateway.RunAsync("{ me { username } }").WaitAsync(2 * Eventually.Bound);

        ResponseShapeTests.AssertJson("""{"me":null}""", response["data"]!);
        var error = SingleError(response);
        Assert.Equal("""["me"]""", error["path"]!.ToJsonString());
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("accounts", error["extensions"]!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failing_root_fetch_reports_one_error_per_root_field_under_its_response_name()
    {
        const string query = "{ first: product(upc: \"1\") { name } topProducts { name } me { username } }";
        using var gateway = CreateGateway();
        gateway.Plan(query, Parallel(
            Root("products", "{ first: product(upc: \"1\") { name } ... on Query { topProducts { __typename upc name } } }"),
            Root("accounts", "{ me { username } }")));
        gateway.Subgraphs.SetFault("products", SubgraphFault.MalformedJson);

        var response = await gateway.RunAsync(query);

        Assert.Equal(["""["first"]""", """["topProducts"]"""], PathsOf(response));
        AssertAllFrom(response, "products", "SUBGRAPH_INVALID_RESPONSE");
    }

    [Fact]
    public async Task Failing_entity_fetch_over_many_entities_caps_its_path_errors_and_counts_the_rest()
    {
        const string query = "{ topProducts { name reviews { body } } }";
        var products = string.Join(',', Enumerable.Range(1, 150).Select(i => $$"""{ "upc": "{{i}}", "name": "Product {{i}}" }"""));
        var subgraphs = new InMemorySubgraphHandler(
            new DataSubgraph("products", ProductCatalogGraph.ProductsSdl, $$"""{ "Query": { "topProducts": [{{products}}] } }"""),
            new DataSubgraph("reviews", ProductCatalogGraph.ReviewsSdl, ProductCatalogGraph.ReviewsData),
            new DataSubgraph("accounts", ProductCatalogGraph.AccountsSdl, ProductCatalogGraph.AccountsData));
        using var gateway = new TestGateway(ProductCatalogGraph.ApiSdl, subgraphs);
        gateway.Plan(query, Sequence(
            Root("products", "{ topProducts { __typename upc name } }"),
            Flatten("topProducts.@", Entities("reviews", "Product", ["upc"], "{ reviews { body } }"))));
        gateway.Subgraphs.SetFault("reviews", SubgraphFault.Down);

        var response = await gateway.RunAsync(query);

        Assert.Equal(150, response["data"]!["topProducts"]!.AsArray().Count);
        var paths = PathsOf(response);
        Assert.Equal(101, paths.Length);
        Assert.Equal([.. Enumerable.Range(0, 100).Select(i => $$"""["topProducts",{{i}},"reviews"]""")], paths[..100]);
        Assert.Equal("no path", paths[100]);
        Assert.Contains("50 more", response["errors"]![100]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertAllFrom(response, "reviews", "SUBGRAPH_REQUEST_FAILED");
    }
}

/// <summary>A transport whose requests never complete.</summary>
internal sealed class SilentSubgraphClient : Engine.Execution.ISubgraphClient
{
    public Task<Engine.Execution.SubgraphResponse> SendAsync(Engine.Execution.SubgraphRequest request, CancellationToken cancellationToken) =>
        new TaskCompletionSource<Engine.Execution.SubgraphResponse>().Task;
}

/// <summary>Keeps every failed fetch it is told of.</summary>
internal sealed class RecordingFailureObserver : Engine.Execution.ISubgraphFetchFailureObserver
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Engine.Execution.SubgraphFetchFailure> _failures = new();

    public IReadOnlyList<Engine.Execution.SubgraphFetchFailure> Failures => [.. _failures];

    public void OnFetchFailed(Engine.Execution.SubgraphFetchFailure failure) => _failures.Enqueue(failure);
}

/// <summary>An observer with a defect.</summary>
internal sealed class ThrowingFailureObserver : Engine.Execution.ISubgraphFetchFailureObserver
{
    public void OnFetchFailed(Engine.Execution.SubgraphFetchFailure failure) => throw new InvalidOperationException("observer defect");
}
