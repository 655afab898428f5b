using System.Net;
using UCE.Subgraphs.Tests.Hosting.Sample;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class GraphQLTransportTests(SubgraphFixture<SampleSubgraph> fixture) : IClassFixture<SubgraphFixture<SampleSubgraph>>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private GraphQLClient Client => fixture.GraphQL;

    [Fact]
    public async Task Post_query_answers_graphql_response_json_with_data()
    {
        var response = await Client.PostAsync("query ($id: ID!) { widget(id: $id) { id name } }", new { id = "w-007" });

        response.EnsureNoErrors();
        Assert.Equal(GraphQLResponse, response.MediaType);
        Assert.Equal("Widget 7", response.At("widget", "name").GetString());
    }

    [Fact]
    public async Task Post_without_accept_header_answers_application_json()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, """{"query":"{ widget(id: \"w-001\") { id } }"}""", "application/json", accept: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.MediaType);
    }

    [Fact]
    public async Task Validation_error_is_400_with_graphql_response_json()
    {
        var response = await Client.PostAsync("{ widget(id: \"w-001\") { nope } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.MediaType);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Validation_error_is_200_with_application_json()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, """{"query":"{ widget(id: \"w-001\") { nope } }"}""", "application/json", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Syntax_error_is_reported_as_parse_failure()
    {
        var response = await Client.PostAsync("{ widget(id: ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, """{"query": "{ widgets { id } }" """, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
        Assert.Contains("not valid JSON", response.ErrorMessages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Body_that_is_not_json_is_an_unsupported_media_type(string contentType)
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, """{"query":"{ widgets { id } }"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("""{"operationName":null}""", "no 'query'")]
    [InlineData("""{"query":42}""", "'query' must be")]
    [InlineData("""{"query":"{ widgets { id } }","variables":[1]}""", "'variables' must be")]
    [InlineData("""{"query":"{ widgets { id } }","operationName":7}""", "'operationName' must be")]
    [InlineData("""[]""", "batch is empty")]
    [InlineData("\"just a string\"", "JSON object")]
    public async Task Request_body_of_the_wrong_shape_is_a_bad_request(string body, string message)
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
        Assert.Contains(message, response.ErrorMessages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_runs_a_query()
    {
        var response = await Client.GetAsync("query ($id: ID!) { widget(id: $id) { name } }", new { id = "w-002" });

        response.EnsureNoErrors();
        Assert.Equal("Widget 2", response.At("widget", "name").GetString());
    }

    [Fact]
    public async Task Get_mutation_is_refused_with_405_and_changes_nothing()
    {
        var response = await Client.GetAsync("mutation { renameWidget(id: \"w-003\", name: \"changed\") { name } }");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
        var after = await Client.PostAsync("{ widget(id: \"w-003\") { name } }");
        Assert.Equal("Widget 3", after.EnsureNoErrors().At("widget", "name").GetString());
    }

    [Fact]
    public async Task Get_with_variables_that_are_not_json_is_a_bad_request()
    {
        var response = await Client.SendRawAsync(HttpMethod.Get, null, null, path: "/graphql?query=%7Bwidgets%7Bid%7D%7D&variables=%7Bnope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Other_methods_are_not_allowed()
    {
        var response = await Client.SendRawAsync(HttpMethod.Put, """{"query":"{ widgets { id } }"}""", "application/json");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Unacceptable_accept_header_is_406()
    {
        var response = await Client.SendRawAsync(HttpMethod.Post, """{"query":"{ widgets { id } }"}""", "application/json", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal(["NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Fact]
    public async Task Unexpected_exception_is_an_internal_error_that_leaks_nothing()
    {
        var response = await Client.PostAsync("{ failure }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["INTERNAL_SERVER_ERROR"], response.ErrorCodes);
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domain_error_carries_its_code()
    {
        var response = await Client.PostAsync("{ refusal }");

        Assert.Equal(["SAMPLE_REFUSED"], response.ErrorCodes);
        Assert.Equal("The sample refuses.", response.ErrorMessages[0]);
    }

    [Fact]
    public async Task Invalid_variable_value_is_bad_user_input()
    {
        var response = await Client.PostAsync("query ($first: Int) { widgets(first: $first) { id } }", new { first = "many" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Unknown_operation_name_is_a_bad_request()
    {
        var response = await Client.PostAsync("query A { widgets { id } } query B { widgets { name } }", operationName: "C");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Batched_array_answers_one_result_per_request()
    {
        var response = await Client.SendRawAsync(
            HttpMethod.Post,
            """[{"query":"{ widget(id: \"w-001\") { name } }"},{"query":"{ nope }"},{"nothing":true}]""",
            "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = response.Json.EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("Widget 1", results[0].GetProperty("data").GetProperty("widget").GetProperty("name").GetString());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", results[1].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("BAD_REQUEST", results[2].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_without_query_is_a_bad_request()
    {
        var response = await Client.SendRawAsync(HttpMethod.Get, null, null, path: "/graphql");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Entity_representation_of_an_unknown_type_fails_validation()
    {
        var response = await Client.PostAsync(
            "query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
            new { r = new object[] { new { __typename = "Spaceship", id = "x" } } });

        // GraphQL.NET converts representations while validating the document.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Mutation_over_post_changes_data()
    {
        var response = await Client.PostAsync("mutation { renameWidget(id: \"w-040\", name: \"Renamed\") { name } }");

        Assert.Equal("Renamed", response.EnsureNoErrors().At("renameWidget", "name").GetString());
    }
}
