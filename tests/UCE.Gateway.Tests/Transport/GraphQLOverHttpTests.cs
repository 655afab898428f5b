using System.Net;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Transport;

/// <summary>The GraphQL-over-HTTP contract of <c>/graphql</c>: methods, media types, status codes.</summary>
public sealed class GraphQLOverHttpTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(TestSchemas.Greeting);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_query_accepting_graphql_response_json_answers_200_in_that_media_type()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":{"hello":"hello"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_query_accepting_only_json_answers_application_json()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello }", accept: "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_without_accept_header_answers_application_json()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello }", accept: null));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Accept_preferring_graphql_response_json_by_quality_gets_it()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello }", accept: "application/json;q=0.5, application/graphql-response+json;q=0.9"));

        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Accept_offering_no_json_type_is_refused_with_406()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello }", accept: "text/plain"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NOT_ACCEPTABLE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Variables_reach_the_operation()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("query($n: String!) { greet(name: $n) }", new { n = "Ada" }));

        Assert.Equal("greet:Ada", (await response.ReadJsonAsync())["data"]!["greet"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_error_in_graphql_response_json_is_400_without_data()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ noSuchField }"));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]);
        Assert.False(body.AsObject().ContainsKey("data"));
    }

    [Fact]
    public async Task Validation_error_in_application_json_is_200()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ noSuchField }", accept: "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]);
    }

    [Fact]
    public async Task Syntax_error_in_graphql_response_json_is_400()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("{ hello"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json")]
    public async Task Malformed_json_body_is_400_with_INVALID_JSON(string accept)
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post("{\"query\": \"{ hello }\"", accept: accept));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_JSON", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Theory]
    [InlineData("""{"variables": {}}""")]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"query": "{ hello }", "variables": [1]}""")]
    [InlineData("""{"query": "{ hello }", "operationName": 1}""")]
    [InlineData("""{"query": "{ hello }", "extensions": "x"}""")]
    [InlineData("42")]
    public async Task Body_that_is_not_a_graphql_request_is_400_with_INVALID_REQUEST(string body)
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=latin1")]
    public async Task Post_body_of_another_media_type_is_415(string contentType)
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post("""{"query":"{ hello }"}""", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Post_with_json_charset_utf8_is_accepted()
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post("""{"query":"{ hello }"}""", "application/json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405_with_allow_header(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Get_query_with_operation_name_and_variables_answers_data()
    {
        using var response = await Client.SendAsync(GraphQLHttp.Get(
            "query A { hello } query B($n: String!) { greet(name: $n) }", operationName: "B", variables: """{"n":"Grace"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"data":{"greet":"greet:Grace"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_mutation_is_refused_with_405_and_changes_nothing()
    {
        var factory = (SdlSchemaEngineFactory)_host.Services.GetService(typeof(UCE.Gateway.Supergraph.IGatewayEngineFactory))!;

        using var response = await Client.SendAsync(GraphQLHttp.Get("mutation { increment }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
        Assert.Equal("MUTATION_NOT_ALLOWED_OVER_GET", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal(0, factory.Counter.Value);
    }

    [Fact]
    public async Task Get_with_variables_that_are_not_json_is_400()
    {
        using var response = await Client.SendAsync(GraphQLHttp.Get("{ hello }", variables: "{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Get_that_a_browser_could_send_cross_site_is_refused_unexecuted(string? contentType)
    {
        var factory = (SdlSchemaEngineFactory)_host.Services.GetService(typeof(UCE.Gateway.Supergraph.IGatewayEngineFactory))!;
        using var request = GraphQLHttp.Get("{ hello }", preflight: false);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CSRF_PREVENTION", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.All(factory.Created, engine => Assert.Equal(0, engine.ExecutedRequests));
    }

    [Theory]
    [InlineData("GraphQL-Preflight", null)]
    [InlineData("Apollo-Require-Preflight", null)]
    [InlineData("X-Apollo-Operation-Name", null)]
    [InlineData(null, "application/json")]
    public async Task Get_with_a_preflight_header_or_a_non_simple_content_type_runs(string? header, string? contentType)
    {
        using var request = GraphQLHttp.Get("{ hello }", preflight: false);
        if (header is not null)
        {
            request.Headers.Add(header, "1");
        }

        if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"data":{"hello":"hello"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_without_query_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("GraphQL-Preflight", "1");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Post_mutation_runs()
    {
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery("mutation { increment }"));

        Assert.Equal(1, (await response.ReadJsonAsync())["data"]!["increment"]!.GetValue<int>());
    }

    [Fact]
    public async Task Batch_is_answered_with_an_array_in_request_order()
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post("""
            [
              {"query": "mutation { increment }"},
              {"query": "{ greet(name: \"x\") }"},
              {"query": "mutation { increment }"},
              {"query": "{ nope }"}
            ]
            """));
        var body = (await response.ReadJsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, body.Count);
        Assert.Equal(1, body[0]!["data"]!["increment"]!.GetValue<int>());
        Assert.Equal("greet:x", body[1]!["data"]!["greet"]!.GetValue<string>());
        Assert.Equal(2, body[2]!["data"]!["increment"]!.GetValue<int>());
        Assert.NotNull(body[3]!["errors"]);
    }

    [Fact]
    public async Task Batch_larger_than_the_limit_is_refused_without_running_any_operation()
    {
        var factory = (SdlSchemaEngineFactory)_host.Services.GetService(typeof(UCE.Gateway.Supergraph.IGatewayEngineFactory))!;
        var operations = string.Join(',', Enumerable.Repeat("""{"query":"mutation { increment }"}""", 21));

        using var response = await Client.SendAsync(GraphQLHttp.Post($"[{operations}]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BATCH_TOO_LARGE", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal(0, factory.Counter.Value);
    }

    [Fact]
    public async Task Empty_batch_is_400()
    {
        using var response = await Client.SendAsync(GraphQLHttp.Post("[]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_413()
    {
        var huge = new string('a', 1024 * 1024 + 1);
        using var response = await Client.SendAsync(GraphQLHttp.PostQuery($"{{ greet(name: \"{huge}\") }}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Query_plan_header_returns_the_plan_in_extensions_when_switched_on()
    {
        await using var host = await GatewayTestHost.StartAsync(TestSchemas.Greeting, settings: new Dictionary<string, string?> { ["Gateway:ExposeQueryPlans"] = "true" });
        using var request = GraphQLHttp.PostQuery("query Named { hello }");
        request.Headers.Add("UCE-Query-Plan", "true");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal("SdlSchemaEngine: query Named { hello }", (await response.ReadJsonAsync())["extensions"]!["queryPlan"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_is_200_once_the_supergraph_is_loaded()
    {
        using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
