using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Tests.Support;
using static UCE.Gateway.Tests.Persisted.TrustedDocumentSetup;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>
/// Requests by a trusted document's id (GraphQL over HTTP's <c>documentId</c>, Relay's <c>id</c> and <c>doc_id</c>, Apollo's
/// <c>extensions.persistedQuery.sha256Hash</c>), by POST and GET, under each client's policy.
/// </summary>
public sealed class PersistedDocumentRequestTests : IAsyncLifetime
{
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

    [Theory]
    [InlineData("documentId", "POST")]
    [InlineData("documentId", "GET")]
    [InlineData("id", "POST")]
    [InlineData("id", "GET")]
    [InlineData("doc_id", "POST")]
    [InlineData("doc_id", "GET")]
    [InlineData("sha256Hash", "POST")]
    [InlineData("sha256Hash", "GET")]
    public async Task Each_id_form_names_the_trusted_document_by_post_and_by_get(string form, string method)
    {
        var (name, value) = form switch
        {
            "documentId" => ("documentId", "sha256:" + CatalogueSha256),
            "sha256Hash" => ("extensions", JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = CatalogueSha256 } })),
            _ => (form, CatalogueId),
        };
        using var request = method == "GET"
            ? Get($"{name}={Uri.EscapeDataString(value)}")
            : GraphQLHttp.Post(name == "extensions" ? $"{{\"extensions\":{value}}}" : JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value }));

        using var response = await _gateway.Client.SendAsync(request.WithToken(TokenOf(Partner)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"data":{"products":[{"id":"p1","name":"Charger"}]}}""", await response.Content.ReadAsStringAsync());
        Assert.Single(_setup.Products.Requests);
    }

    [Fact]
    public async Task A_partner_sending_a_document_is_refused_unparsed_and_no_subgraph_is_called()
    {
        // Its own trusted document as text, a document it was never given, and text that is not GraphQL at all: the same refusal.
        foreach (var query in new[] { Catalogue, "{ products { id name description } }", "{ {{ not graphql" })
        {
            using var response = await _gateway.Client.SendAsync(GraphQLHttp.PostQuery(query).WithToken(TokenOf(Partner)));
            var body = await response.ReadJsonAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", body.FirstErrorCode());
            Assert.False(body.AsObject().ContainsKey("data"));
        }

        // Nor may it register an automatic persisted query.
        using var registration = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(Catalogue, CatalogueSha256)).WithToken(TokenOf(Partner)));
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", (await registration.ReadJsonAsync()).FirstErrorCode());

        Assert.Empty(_setup.Products.Requests);
        Assert.Empty(_setup.Customers.Requests);
    }

    [Fact]
    public async Task A_client_finds_only_its_own_trusted_documents()
    {
        using var own = await _gateway.Client.SendAsync(ById("portal-catalogue").WithToken(TokenOf(Portal)));
        using var partners = await _gateway.Client.SendAsync(ById(CatalogueId).WithToken(TokenOf(Portal)));
        using var portals = await _gateway.Client.SendAsync(ById("portal-catalogue").WithToken(TokenOf(Partner)));
        using var nobody = await _gateway.Client.SendAsync(ById(CatalogueId));

        Assert.Equal("Charger", (await own.ReadJsonAsync())["data"]!["products"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await partners.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await portals.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await nobody.ReadJsonAsync()).FirstErrorCode());
        Assert.Single(_setup.Products.Requests);
    }

    [Fact]
    public async Task An_id_left_out_of_a_manifest_is_the_documents_content_hash_and_its_variables_apply()
    {
        var id = "sha256:" + UCE.Gateway.Persisted.PersistedDocument.Sha256Hex(Priced);

        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = id, variables = new { category = "EV_CHARGER" } })).WithToken(TokenOf(Partner)));

        Assert.Equal("Charger", (await response.ReadJsonAsync())["data"]!["products"]![0]!["name"]!.GetValue<string>());
        var sent = JsonNode.Parse(Assert.Single(_setup.Products.Requests).Body)!;
        Assert.Equal("EV_CHARGER", sent["variables"]!["category"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_api_key_identifies_its_client_when_no_token_does()
    {
        using var byId = await _gateway.Client.SendAsync(WithApiKey(ById(CatalogueId), PartnerApiKey));
        using var document = await _gateway.Client.SendAsync(WithApiKey(GraphQLHttp.PostQuery(Catalogue), PartnerApiKey));

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", (await document.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task An_unknown_api_key_is_refused_like_a_bad_token()
    {
        using var response = await _gateway.Client.SendAsync(WithApiKey(ById(CatalogueId), "not-a-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.Empty(_setup.Products.Requests);
    }

    [Fact]
    public async Task Automatic_persisted_query_round_trip_not_found_then_registered_then_served_by_hash()
    {
        const string query = "query Names { products { name } }";
        var hash = UCE.Gateway.Persisted.PersistedDocument.Sha256Hex(query);

        using var unknown = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(null, hash)).WithToken(TokenOf(Portal)));
        var notFound = await unknown.ReadJsonAsync();
        using var registration = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(query, hash)).WithToken(TokenOf(Portal)));
        using var byHash = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(null, hash)).WithToken(TokenOf(Portal)));
        // Registrations are shared by every client that may use them.
        using var byHashAnonymous = await _gateway.Client.SendAsync(Get("extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } }))));

        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", notFound.FirstErrorCode());
        Assert.Equal("PersistedQueryNotFound", notFound["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("""{"data":{"products":[{"name":"Charger"}]}}""", await registration.Content.ReadAsStringAsync());
        Assert.Equal("""{"data":{"products":[{"name":"Charger"}]}}""", await byHash.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byHashAnonymous.StatusCode);
        Assert.Equal(3, _setup.Products.Requests.Count);
    }

    [Fact]
    public async Task A_registration_whose_hash_is_not_the_documents_is_refused_and_registers_nothing()
    {
        const string query = "query Names { products { name } }";
        var wrong = UCE.Gateway.Persisted.PersistedDocument.Sha256Hex("query Other { products { id } }");

        using var mismatch = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(query, wrong)).WithToken(TokenOf(Portal)));
        using var byHash = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(null, wrong)).WithToken(TokenOf(Portal)));

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", (await mismatch.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await byHash.ReadJsonAsync()).FirstErrorCode());
        Assert.Empty(_setup.Products.Requests);
    }

    [Fact]
    public async Task A_client_without_automatic_persisted_queries_is_told_they_are_not_supported_and_its_documents_still_run()
    {
        const string query = "query Names { products { name } }";
        var hash = UCE.Gateway.Persisted.PersistedDocument.Sha256Hex(query);

        using var byHash = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(null, hash)).WithToken(TokenOf(Kiosk)));
        using var withDocument = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(query, hash)).WithToken(TokenOf(Kiosk)));
        using var byHashAgain = await _gateway.Client.SendAsync(GraphQLHttp.Post(ApqBody(null, hash)).WithToken(TokenOf(Portal)));

        Assert.Equal("PERSISTED_QUERY_NOT_SUPPORTED", (await byHash.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal(HttpStatusCode.OK, withDocument.StatusCode);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await byHashAgain.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task A_request_with_a_document_and_a_document_id_is_refused()
    {
        using var response = await _gateway.Client.SendAsync(GraphQLHttp.Post(JsonSerializer.Serialize(new { query = Catalogue, documentId = CatalogueId })).WithToken(TokenOf(Portal)));
        using var twoIds = await _gateway.Client.SendAsync(GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = CatalogueId, doc_id = "other" })).WithToken(TokenOf(Portal)));

        Assert.Equal("BAD_REQUEST", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal("INVALID_REQUEST", (await twoIds.ReadJsonAsync()).FirstErrorCode());
        Assert.Empty(_setup.Products.Requests);
    }

    [Fact]
    public async Task A_get_of_a_query_anyone_may_read_is_publicly_cacheable_and_revalidates_to_304()
    {
        using var first = await _gateway.Client.SendAsync(Get("documentId=" + CatalogueId).WithToken(TokenOf(Partner)));
        var etag = first.Headers.ETag;
        using var revalidation = Get("documentId=" + CatalogueId).WithToken(TokenOf(Partner));
        revalidation.Headers.IfNoneMatch.Add(etag!);
        using var second = await _gateway.Client.SendAsync(revalidation);
        using var stale = Get("documentId=" + CatalogueId).WithToken(TokenOf(Partner));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var third = await _gateway.Client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        AssertPublic(first, TimeSpan.FromSeconds(60));
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        AssertPublic(second, TimeSpan.FromSeconds(60));
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_of_a_query_for_one_caller_is_private_and_not_stored()
    {
        using var customer = await _gateway.Client.SendAsync(Get("documentId=portal-customer").WithToken(TokenOf(Portal)));
        using var refused = await _gateway.Client.SendAsync(Get("documentId=unknown").WithToken(TokenOf(Portal)));
        using var posted = await _gateway.Client.SendAsync(ById("portal-catalogue").WithToken(TokenOf(Portal)));

        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
        Assert.Equal("cus-000001", (await customer.ReadJsonAsync())["data"]!["customer"]!["id"]!.GetValue<string>());
        AssertPrivate(customer);
        Assert.NotNull(customer.Headers.ETag);
        AssertPrivate(refused);
        Assert.Null(refused.Headers.ETag);
        Assert.Null(posted.Headers.CacheControl);
        Assert.Null(posted.Headers.ETag);
    }

    [Fact]
    public async Task A_trusted_document_runs_by_id_over_server_sent_events()
    {
        using var request = GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = CatalogueId }), accept: "text/event-stream").WithToken(TokenOf(Partner));
        using var refusedRequest = GraphQLHttp.PostQuery(Catalogue, accept: "text/event-stream").WithToken(TokenOf(Partner));

        using var response = await _gateway.Client.SendAsync(request);
        var stream = await response.Content.ReadAsStringAsync();
        using var refused = await _gateway.Client.SendAsync(refusedRequest);
        var refusal = await refused.Content.ReadAsStringAsync();

        Assert.Contains("event: next\ndata: {\"data\":{\"products\":[{\"id\":\"p1\",\"name\":\"Charger\"}]}}", stream, StringComparison.Ordinal);
        Assert.Contains("event: complete", stream, StringComparison.Ordinal);
        Assert.Contains("PERSISTED_QUERY_NOT_ALLOWED", refusal, StringComparison.Ordinal);
        Assert.Single(_setup.Products.Requests);
    }

    private static void AssertPublic(HttpResponseMessage response, TimeSpan maxAge)
    {
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public);
        Assert.False(cacheControl.Private);
        Assert.Equal(maxAge, cacheControl.MaxAge);
    }

    private static void AssertPrivate(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Private);
        Assert.True(cacheControl.NoStore);
        Assert.False(cacheControl.Public);
    }

    private static HttpRequestMessage ById(string id) => GraphQLHttp.Post(JsonSerializer.Serialize(new { documentId = id }));

    private static HttpRequestMessage Get(string parameters)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + parameters);
        request.Headers.TryAddWithoutValidation("Accept", GraphQLHttp.GraphQLResponseJson);
        request.Headers.TryAddWithoutValidation("GraphQL-Preflight", "1");
        return request;
    }

    private static HttpRequestMessage WithApiKey(HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation("X-API-Key", key);
        return request;
    }

    private static string ApqBody(string? query, string hash) => JsonSerializer.Serialize(new
    {
        query,
        extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } },
    });
}
