using System.Net;
using Microsoft.IdentityModel.Tokens;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Tests.Security;

/// <summary>
/// What a bearer token does at the gateway: a valid one becomes the signed identity headers a subgraph receives, a bad one
/// is a 401, and a client's own identity headers never get through.
/// </summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private const string CustomerQuery = """{ customer(id: "cus-000001") { id } }""";

    // The gateway lets no anonymous caller ask for a customer (the subgraph's rules in the supergraph); the catalogue is public.
    private const string CatalogueQuery = """{ products { id } }""";

    private static readonly string Supergraph = File.ReadAllText(UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql"));

    private CapturingSubgraph _customers = null!;

    public async Task InitializeAsync() => _customers = await CapturingSubgraph.StartAsync();

    public async Task DisposeAsync() => await _customers.DisposeAsync();

    [Fact]
    public async Task Agent_token_reaches_the_subgraph_as_exactly_its_identity_headers_signed_by_the_gateway()
    {
        await using var gateway = await StartGatewayAsync();
        var token = TestTokenIssuer.Default.CreateToken("agent", subject: "agent-7", scopes: "read:bills developer", clientId: "agent-desktop");

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).WithToken(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_customers.Requests);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [IdentityHeaders.Role] = "agent",
                [IdentityHeaders.Subject] = "agent-7",
                [IdentityHeaders.Client] = "agent-desktop",
                [IdentityHeaders.Scopes] = "developer read:bills",
            },
            IdentityHeadersOf(received));
        Assert.Null(received.Header("Authorization"));
        Assert.Equal(IdentitySignatureStatus.Valid, IdentitySignature.Verify(received.AsHeaderDictionary(), received.Body, DateTimeOffset.UtcNow, [TestSigning.Key]));
    }

    [Fact]
    public async Task Customer_token_forwards_the_customer_id_it_carries()
    {
        await using var gateway = await StartGatewayAsync();
        var token = TestTokenIssuer.Default.CreateToken("customer", customerId: "cus-000001", subject: "auth0|42");

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).WithToken(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [IdentityHeaders.Role] = "customer",
                [IdentityHeaders.Subject] = "auth0|42",
                [IdentityHeaders.CustomerId] = "cus-000001",
            },
            IdentityHeadersOf(Assert.Single(_customers.Requests)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_sent_identity_headers_never_reach_a_subgraph(bool withToken)
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:Subgraphs:products:Url"] = _customers.Url.ToString() });
        using var request = GraphQLHttp.PostQuery(withToken ? CustomerQuery : CatalogueQuery);
        request.Headers.Add("X-UCE-Role", "agent");
        request.Headers.Add("x-uce-customer-id", "cus-000002");
        request.Headers.Add("X-UCE-Scopes", "admin");
        request.Headers.Add("X-UCE-Signature", "v1;kid=test;ts=0;sig=forged");
        request.Headers.Add("X-UCE-Anything", "else");
        if (withToken)
        {
            request.WithToken(TestTokenIssuer.Default.CreateToken("customer", customerId: "cus-000001", subject: "cus-000001"));
        }

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_customers.Requests);
        var expected = withToken
            ? new Dictionary<string, string> { [IdentityHeaders.Role] = "customer", [IdentityHeaders.Subject] = "cus-000001", [IdentityHeaders.CustomerId] = "cus-000001" }
            : [];
        Assert.Equal(expected, IdentityHeadersOf(received));
        Assert.Null(received.Header("X-UCE-Anything"));
        Assert.Equal(IdentitySignatureStatus.Valid, IdentitySignature.Verify(received.AsHeaderDictionary(), received.Body, DateTimeOffset.UtcNow, [TestSigning.Key]));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("alg none")]
    [InlineData("HS256 with the RSA public key as secret")]
    [InlineData("forged signature under the trusted key id")]
    [InlineData("truncated")]
    [InlineData("unknown key id")]
    [InlineData("garbage")]
    [InlineData("customer without customer id")]
    [InlineData("no role")]
    [InlineData("unknown role")]
    [InlineData("line break in the subject")]
    public async Task Invalid_token_is_401_unauthenticated_and_reaches_no_subgraph(string defect)
    {
        await using var gateway = await StartGatewayAsync();

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).WithToken(InvalidToken(defect)));

        await AssertUnauthenticatedAsync(response, "invalid_token");
        Assert.Empty(_customers.Requests);
    }

    [Fact]
    public async Task Key_confusion_is_refused_even_when_HS256_is_an_allowed_algorithm()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Algorithms:0"] = "RS256",
            ["Gateway:Authentication:Algorithms:1"] = "HS256",
        });

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).WithToken(TestTokenIssuer.Default.CreateTokenMacedWithThePublicKey()));

        await AssertUnauthenticatedAsync(response, "invalid_token");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    public async Task Authorization_that_is_not_a_bearer_token_is_401_not_anonymous(string authorization)
    {
        await using var gateway = await StartGatewayAsync();
        using var request = GraphQLHttp.PostQuery(CustomerQuery);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await gateway.Client.SendAsync(request);

        await AssertUnauthenticatedAsync(response, "invalid_request");
        Assert.Empty(_customers.Requests);
    }

    [Fact]
    public async Task Bad_token_is_401_in_application_json_too()
    {
        await using var gateway = await StartGatewayAsync();

        using var response = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery, accept: "application/json").WithToken("garbage"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UNAUTHENTICATED", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Gateway_without_authentication_configured_refuses_every_token()
    {
        await using var gateway = await StartGatewayAsync(trustTestIssuer: false);

        using var withToken = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).AsAgent());
        using var without = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery));

        await AssertUnauthenticatedAsync(withToken, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
    }

    [Fact]
    public async Task Token_role_picks_the_operation_limits_of_that_role()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:RoleLimits:agent:MaxDepth"] = "1" });

        using var agent = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery).AsAgent());
        using var anonymous = await gateway.Client.SendAsync(GraphQLHttp.PostQuery(CustomerQuery));

        Assert.Equal("MAX_DEPTH_LIMIT", (await agent.ReadJsonAsync()).FirstErrorCode());
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
    }

    internal static async Task AssertUnauthenticatedAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await response.ReadJsonAsync()).FirstErrorCode());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith($"error=\"{error}\"", challenge.Parameter, StringComparison.Ordinal);
    }

    private static string InvalidToken(string defect)
    {
        var issuer = TestTokenIssuer.Default;
        var valid = issuer.CreateToken();
        var stranger = TestTokenIssuer.NewKey();
        return defect switch
        {
            "expired" => issuer.CreateToken(notBefore: DateTimeOffset.UtcNow.AddHours(-2), validFor: TimeSpan.FromHours(1)),
            "not yet valid" => issuer.CreateToken(notBefore: DateTimeOffset.UtcNow.AddHours(1)),
            "wrong audience" => issuer.CreateToken(audience: "another-api"),
            "wrong issuer" => issuer.CreateToken(issuer: "https://evil.example"),
            "alg none" => issuer.CreateUnsignedToken(),
            "HS256 with the RSA public key as secret" => issuer.CreateTokenMacedWithThePublicKey(),
            "forged signature under the trusted key id" => issuer.CreateToken(signing: new SigningCredentials(
                new RsaSecurityKey(stranger.Rsa) { KeyId = issuer.SigningKey.KeyId }, SecurityAlgorithms.RsaSha256)),
            "truncated" => valid[..^12],
            "unknown key id" => issuer.CreateToken(signing: new SigningCredentials(stranger, SecurityAlgorithms.RsaSha256)),
            "garbage" => "not-a-token",
            "customer without customer id" => issuer.CreateToken("customer"),
            "no role" => issuer.CreateToken(role: null),
            "unknown role" => issuer.CreateToken("root"),
            "line break in the subject" => issuer.CreateToken(subject: "agent\r\nX-UCE-Role: supervisor"),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };
    }

    private static Dictionary<string, string> IdentityHeadersOf(CapturedRequest request) =>
        request.Headers
            .Where(header => header.Key.StartsWith(IdentityHeaders.Prefix, StringComparison.OrdinalIgnoreCase)
                && !header.Key.Equals(IdentityHeaders.Signature, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => IdentityHeaders.Signed.FirstOrDefault(name => name.Equals(header.Key, StringComparison.OrdinalIgnoreCase)) ?? header.Key, header => header.Value.ToString());

    private Task<GatewayTestHost> StartGatewayAsync(IDictionary<string, string?>? settings = null, bool trustTestIssuer = true)
    {
        var all = new Dictionary<string, string?> { ["Gateway:Subgraphs:customers:Url"] = _customers.Url.ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return GatewayTestHost.StartFederatedAsync(Supergraph, all, trustTestIssuer: trustTestIssuer);
    }
}
