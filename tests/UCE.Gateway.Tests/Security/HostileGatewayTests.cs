using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Tests.EndToEnd;
using UCE.Gateway.Tests.Support;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Gateway.Tests.Security;

/// <summary>
/// Callers trying to reach what is not theirs through the gateway, over the seven UCE subgraphs on PostgreSQL: another
/// customer's data by every root field, with selections generated from the supergraph so that every entity jump is taken,
/// plain, aliased and through fragments; every mutation by roles it must not serve; forged identity headers. Each is
/// refused at its path, nothing of the other customer appears anywhere in the answer, and nothing changes.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class HostileGatewayTests(UceSubgraphsFixture subgraphs) : IClassFixture<UceSubgraphsFixture>, IAsyncLifetime
{
    private const int Depth = 4;
    private static readonly string[] RefusalCodes = ["FORBIDDEN", "UNAUTHORIZED_FIELD_OR_TYPE"];
    private static readonly string[] StaffOnlyFields = ["feederName", "affectedLocations", "reports", "nextBestActions"];

    private GatewayTestHost _gateway = null!;
    private Victim _victim = null!;

    public async Task InitializeAsync()
    {
        // The limits are lifted: the generated selections are large, and it is authorization that is under test here.
        _gateway = await subgraphs.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway:Limits:MaxCost"] = "0",
            ["Gateway:Limits:MaxAliases"] = "0",
            ["Gateway:Limits:MaxDepth"] = "0",
        });
        _victim = await Victim.ReadAsync(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>The root fields that take another customer's object, with the argument naming the victim's.</summary>
    public static TheoryData<string, string> RootsAndForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var root in new[] { "customer", "account", "bill", "meterUsage", "customers" })
        {
            foreach (var form in new[] { "plain", "aliased", "fragment", "inline" })
            {
                data.Add(root, form);
            }
        }

        return data;
    }

    public static TheoryData<string> Intruders => new() { "other-customer", "anonymous", "partner-without-scopes", "service-without-scopes" };

    [Theory]
    [MemberData(nameof(RootsAndForms))]
    public async Task Another_customers_data_is_refused_by_every_root_field_through_every_entity_path(string root, string form)
    {
        var operation = _victim.Root(root, Generator(), Depth)!;

        var body = await PostAsync(Shape(operation, form), Token("other-customer"));

        AssertNothingOfTheVictim(body, $"{root} ({form})");
        Assert.DoesNotContain(Codes(body), code => code is "INTERNAL_SERVER_ERROR");
        if (root != "customers")
        {
            // A search may answer an empty page; every other root names the victim's object and must be refused.
            Assert.Contains(Codes(body), code => RefusalCodes.Contains(code));
        }
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Callers_without_rights_to_customer_data_get_none_of_it(string intruder)
    {
        foreach (var root in new[] { "customer", "account", "bill", "meterUsage", "customers" })
        {
            var operation = _victim.Root(root, Generator(), Depth)!;
            var body = await PostAsync(operation, Token(intruder));

            AssertNothingOfTheVictim(body, $"{root} as {intruder}");
            Assert.Contains(Codes(body), code => RefusalCodes.Contains(code));
        }
    }

    [Fact]
    public void The_generated_selections_take_every_entity_jump_of_the_supergraph()
    {
        var generator = Generator();
        foreach (var root in new[] { "customer", "account", "bill", "meterUsage", "customers", "activeOutages", "products" })
        {
            _ = _victim.Root(root, generator, Depth);
        }

        var missing = generator.EntityPairs().Where(pair => !generator.Reached.Contains(pair)).ToList();
        Assert.True(missing.Count == 0, "Entity (type, subgraph) pairs no generated selection reaches: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_customer_reads_all_of_their_own_data_through_the_same_paths()
    {
        var body = await PostAsync($"{{ customer(id: \"{_victim.CustomerId}\") {Generator().Select("Customer", Depth)} }}", Token("victim"));

        Assert.Equal(_victim.Email, body["data"]?["customer"]?["email"]?.GetValue<string>());
        // Refused only where staff see more than a customer (docs/security.md): an outage's feeder, the other premises
        // it covers and other people's reports, and the next best actions an agent should raise.
        var refused = body["errors"]?.AsArray()
            .Where(error => RefusalCodes.Contains(error?["extensions"]?["code"]?.GetValue<string>()))
            .Select(error => string.Join('.', error!["path"]!.AsArray().Select(segment => segment!.ToString())))
            .ToList() ?? [];
        var unexpected = refused.Where(path => !StaffOnlyFields.Any(field => path.EndsWith("." + field, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "Refused on the customer's own data: " + string.Join(", ", unexpected));
    }

    public static TheoryData<string, string> MutationsAndIntruders()
    {
        var data = new TheoryData<string, string>();
        foreach (var mutation in new[] { "makePayment", "setAutopay", "updateCommunicationPreferences", "sendNotification", "enroll", "cancelEnrollment", "reportOutage", "updateOutageStatus", "startService", "stopService", "moveService", "cancelServiceRequest", "updateContactDetails", "onboardCustomer", "logContact", "openCase", "addCaseNote", "reopenCase", "submitCaseSurvey", "assignCase", "resolveCase" })
        {
            foreach (var intruder in new[] { "other-customer", "anonymous", "partner-without-scopes", "service-without-scopes" })
            {
                // An anonymous caller may report an outage with contact details; without them the report is refused too.
                data.Add(mutation, intruder);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MutationsAndIntruders))]
    public async Task Mutations_on_another_customers_things_are_refused_and_change_nothing(string mutation, string intruder)
    {
        var before = await _victim.SnapshotAsync(_gateway, Generator());

        var body = await PostAsync("mutation " + _victim.Mutation(mutation), Token(intruder));

        Assert.True(body["data"]?[mutation] is null, $"{mutation} as {intruder} answered: {body.ToJsonString()}");
        Assert.Contains(Codes(body), code => RefusalCodes.Contains(code) || code == "BAD_USER_INPUT");
        Assert.Equal(before, await _victim.SnapshotAsync(_gateway, Generator()));
    }

    [Fact]
    public async Task Identity_headers_a_client_sends_are_dropped_even_beside_a_valid_token()
    {
        using var request = GraphQLHttp.PostQuery($"{{ customer(id: \"{_victim.CustomerId}\") {{ email phone }} }}").WithToken(Token("other-customer")!);
        request.Headers.Add("X-UCE-Role", "agent");
        request.Headers.Add("X-UCE-Customer-Id", _victim.CustomerId);
        request.Headers.Add("X-UCE-Signature", "v1;kid=test;ts=0;sig=AAAA");
        using var response = await _gateway.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();

        AssertNothingOfTheVictim(body, "forged headers");
        Assert.Contains(Codes(body), code => RefusalCodes.Contains(code));
    }

    [Fact]
    public async Task A_subgraph_reached_directly_refuses_unsigned_and_replayed_identities()
    {
        var url = subgraphs.Urls["customers"];
        var query = JsonSerializer.Serialize(new { query = $"{{ customer(id: \"{_victim.CustomerId}\") {{ email }} }}" });
        using var http = new HttpClient();

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(query, Encoding.UTF8, "application/json") };
        unsigned.Headers.Add("X-UCE-Role", "agent");
        using var unsignedResponse = await http.SendAsync(unsigned);

        // A signature the gateway really made, for another body, lifted onto this one.
        using var other = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json") };
        other.Headers.Add("X-UCE-Role", "agent");
        TestSigning.Sign(other, """{"query":"{ __typename }"}""");
        using var replayed = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(query, Encoding.UTF8, "application/json") };
        replayed.Headers.Add("X-UCE-Role", "agent");
        replayed.Headers.TryAddWithoutValidation("X-UCE-Signature", other.Headers.GetValues("X-UCE-Signature"));
        using var replayedResponse = await http.SendAsync(replayed);

        foreach (var response in new[] { unsignedResponse, replayedResponse })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(_victim.Email, text, StringComparison.Ordinal);
            Assert.Contains("UNAUTHENTICATED", text, StringComparison.Ordinal);
        }
    }

    private SelectionGenerator Generator() => new(SupergraphSchema.Parse(subgraphs.Supergraph), DemoGraph.Today(TimeProvider.System));

    private string? Token(string who) => who switch
    {
        "anonymous" => null,
        "other-customer" => TestTokenIssuer.Default.CreateToken("customer", customerId: DemoGraph.CustomerId(1), subject: "customer-1"),
        "victim" => TestTokenIssuer.Default.CreateToken("customer", customerId: _victim.CustomerId, subject: "customer-2"),
        "partner-without-scopes" => TestTokenIssuer.Default.CreateToken("partner", subject: "partner-1", clientId: "partner-1"),
        "service-without-scopes" => TestTokenIssuer.Default.CreateToken("service", subject: "worker-1", clientId: "worker-1"),
        "agent" => TestTokenIssuer.Default.CreateToken("agent", subject: "agent-1"),
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    private static string Shape(string operation, string form)
    {
        // operation is "{ root(args) { … } }"; the forms move the same selection into an alias or a fragment.
        var open = operation.IndexOf('{', 1);
        var head = operation[1..open].Trim();
        var selection = operation[open..^1].Trim();
        var field = head[..(head.IndexOf('(', StringComparison.Ordinal) is var paren and >= 0 ? paren : head.Length)];
        var type = TypeOfRoot(field);
        return form switch
        {
            "aliased" => $"{{ mine: {head} {selection} }}",
            "fragment" => $"{{ {head} {{ ...Everything }} }} fragment Everything on {type} {selection}",
            "inline" => $"{{ {head} {{ ... on {type} {selection} }} }}",
            _ => operation,
        };
    }

    private static string TypeOfRoot(string field) => field switch
    {
        "customer" => "Customer",
        "account" => "Account",
        "bill" => "Bill",
        "meterUsage" => "UsageSeries",
        "customers" => "CustomerConnection",
        _ => "Query",
    };

    private async Task<JsonNode> PostAsync(string query, string? token)
    {
        using var request = GraphQLHttp.PostQuery(query);
        if (token is not null)
        {
            request.WithToken(token);
        }

        using var response = await _gateway.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private void AssertNothingOfTheVictim(JsonNode body, string what)
    {
        var text = body.ToJsonString();
        foreach (var secret in _victim.Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what}: the answer holds the victim's '{secret}': {text[..Math.Min(text.Length, 2000)]}");
        }
    }

    private static List<string> Codes(JsonNode body) =>
        body["errors"]?.AsArray().Select(error => error?["extensions"]?["code"]?.GetValue<string>() ?? "none").ToList() ?? [];

    /// <summary>Customer 2 of the demo set, as an agent reads them: their ids to aim at and the values that must not leak.</summary>
    private sealed record Victim(string CustomerId, string Email, string Phone, string Name, string AccountId, string AccountNumber, string BillId, string MeterId, string LocationId, string? EnrollmentId, string ProductId)
    {
        public IEnumerable<string> Secrets => [Email, Phone, Name];

        /// <summary>The victim's first case in the demo set (every customer not a multiple of four has one).</summary>
        public string CaseId => $"cas-{CustomerId[4..]}-1";

        public static async Task<Victim> ReadAsync(GatewayTestHost gateway)
        {
            var id = DemoGraph.CustomerId(2);
            using var request = GraphQLHttp.PostQuery($$"""
                { customer(id: "{{id}}") { email phone name
                    accounts { id number bills(first: 1) { nodes { id } } }
                    serviceLocations { id meterId }
                    enrollments { id status }
                  }
                  products { id } }
                """).WithToken(TestTokenIssuer.Default.CreateToken("agent", subject: "agent-1"));
            using var response = await gateway.Client.SendAsync(request);
            var body = await response.ReadJsonAsync();
            var customer = body["data"]?["customer"] ?? throw new InvalidOperationException("The agent cannot read the victim: " + body.ToJsonString());
            var account = customer["accounts"]!.AsArray().First(a => a!["bills"]!["nodes"]!.AsArray().Count > 0)!;
            var location = customer["serviceLocations"]![0]!;
            return new Victim(
                id,
                customer["email"]!.GetValue<string>(),
                customer["phone"]!.GetValue<string>(),
                customer["name"]!.GetValue<string>(),
                account["id"]!.GetValue<string>(),
                account["number"]!.GetValue<string>(),
                account["bills"]!["nodes"]![0]!["id"]!.GetValue<string>(),
                location["meterId"]!.GetValue<string>(),
                location["id"]!.GetValue<string>(),
                customer["enrollments"]?.AsArray().FirstOrDefault(e => e!["status"]!.GetValue<string>() is "ACTIVE" or "PENDING")?["id"]?.GetValue<string>(),
                body["data"]!["products"]![0]!["id"]!.GetValue<string>());
        }

        /// <summary>The operation of a root field aimed at the victim, with <paramref name="generator"/>'s selection; null when the root does not exist.</summary>
        public string? Root(string root, SelectionGenerator generator, int depth)
        {
            var from = generator.Day.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var to = generator.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return root switch
            {
                "customer" => $"{{ customer(id: \"{CustomerId}\") {generator.Select("Customer", depth)} }}",
                "account" => $"{{ account(number: \"{AccountNumber}\") {generator.Select("Account", depth)} }}",
                "bill" => $"{{ bill(id: \"{BillId}\") {generator.Select("Bill", depth)} }}",
                "meterUsage" => $"{{ meterUsage(meterId: \"{MeterId}\", from: \"{from}T00:00:00Z\", to: \"{to}T00:00:00Z\", granularity: DAY) {generator.Select("UsageSeries", depth)} }}",
                "customers" => $"{{ customers(search: \"{CustomerId}\") {generator.Select("CustomerConnection", depth)} }}",
                "activeOutages" => $"{{ activeOutages(first: 5) {generator.Select("Outage", depth)} }}",
                "products" => $"{{ products {generator.Select("Product", depth)} }}",
                _ => null,
            };
        }

        private const string Address = "{ line1: \"1 Hostile Way\", city: \"Peoria\", state: \"IL\", postalCode: \"61602\" }";

        private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        public string Mutation(string mutation) => mutation switch
        {
            "makePayment" => $"{{ makePayment(input: {{ accountId: \"{AccountId}\", amount: 1.5, method: CARD, idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "setAutopay" => $"{{ setAutopay(input: {{ accountId: \"{AccountId}\", enabled: true, method: CARD, dayOfMonth: 3 }}) {{ __typename }} }}",
            "updateCommunicationPreferences" => $"{{ updateCommunicationPreferences(input: {{ customerId: \"{CustomerId}\", preferences: [], quietHours: null }}) {{ __typename }} }}",
            "sendNotification" => $"{{ sendNotification(input: {{ customerId: \"{CustomerId}\", templateId: \"tpl-outage-detected\" }}) {{ __typename }} }}",
            "enroll" => $"{{ enroll(input: {{ customerId: \"{CustomerId}\", productId: \"{ProductId}\" }}) {{ __typename }} }}",
            "cancelEnrollment" => $"{{ cancelEnrollment(id: \"{EnrollmentId ?? "enr-none"}\") {{ __typename }} }}",
            "reportOutage" => $"{{ reportOutage(input: {{ serviceLocationId: \"{LocationId}\", description: \"hostile report\" }}) {{ __typename }} }}",
            "updateOutageStatus" => "{ updateOutageStatus(input: { outageId: \"out-000001-01\", status: RESTORED, estimatedRestorationAt: \"2030-01-01T00:00:00Z\" }) { __typename } }",
            "startService" => $"{{ startService(input: {{ customerId: \"{CustomerId}\", serviceAddress: {Address}, startOn: \"{Today}\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "stopService" => $"{{ stopService(input: {{ accountId: \"{AccountId}\", stopOn: \"{Today}\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "moveService" => $"{{ moveService(input: {{ accountId: \"{AccountId}\", newServiceAddress: {Address}, moveOn: \"{Today}\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "cancelServiceRequest" => $"{{ cancelServiceRequest(input: {{ serviceRequestId: \"sr-none\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "updateContactDetails" => $"{{ updateContactDetails(input: {{ customerId: \"{CustomerId}\", email: \"taken@example.com\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "onboardCustomer" => $"{{ onboardCustomer(input: {{ name: \"Intruder\", email: \"i@example.com\", phone: \"5550102030\", serviceAddress: {Address}, startOn: \"{Today}\", idempotencyKey: \"{Guid.NewGuid():N}\" }}) {{ __typename }} }}",
            "logContact" => $"{{ logContact(input: {{ customerId: \"{CustomerId}\", channel: PHONE, reason: \"hostile\", disposition: RESOLVED, durationSeconds: 1 }}) {{ __typename }} }}",
            "openCase" => $"{{ openCase(input: {{ customerId: \"{CustomerId}\", category: COMPLAINT, subject: \"hostile\", description: \"hostile\" }}) {{ __typename }} }}",
            "addCaseNote" => $"{{ addCaseNote(input: {{ caseId: \"{CaseId}\", body: \"hostile\" }}) {{ __typename }} }}",
            "reopenCase" => $"{{ reopenCase(input: {{ caseId: \"{CaseId}\", reason: \"hostile\" }}) {{ __typename }} }}",
            "submitCaseSurvey" => $"{{ submitCaseSurvey(input: {{ caseId: \"{CaseId}\", score: 0 }}) {{ __typename }} }}",
            "assignCase" => $"{{ assignCase(input: {{ caseId: \"{CaseId}\", agent: \"hostile\" }}) {{ __typename }} }}",
            "resolveCase" => $"{{ resolveCase(input: {{ caseId: \"{CaseId}\", resolutionCode: EXPLAINED }}) {{ __typename }} }}",
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };

        /// <summary>Everything an agent reads of the victim, to compare before and after a refused mutation.</summary>
        public async Task<string> SnapshotAsync(GatewayTestHost gateway, SelectionGenerator generator)
        {
            using var request = GraphQLHttp.PostQuery($"{{ customer(id: \"{CustomerId}\") {generator.Select("Customer", 3)} }}")
                .WithToken(TestTokenIssuer.Default.CreateToken("agent", subject: "agent-1"));
            using var response = await gateway.Client.SendAsync(request);
            return (await response.ReadJsonAsync())["data"]!.ToJsonString();
        }
    }
}
