using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>More fixture supergraphs compared with Apollo Gateway: @requires chains, keys, value types, mutations.</summary>
public sealed class ApolloDifferentialFederationTests
{
    private static IDictionary<string, object?> Source(IResolveFieldContext context) => (IDictionary<string, object?>)context.Source!;

    private static double? Number(object? value) => value is null ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    [ApolloOracleFact]
    public Task Requires_chains_and_nested_requires_match_apollo_gateway() => Task.WhenAll(
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "requires-chain",
            new Dictionary<string, string>
            {
                ["meters"] = """{ "Query": { "meters": [ { "id": "m1", "reading": 10 }, { "id": "m2", "reading": null }, { "id": "m3", "reading": 7 } ] } }""",
            },
            new Dictionary<string, Func<IResolveFieldContext, object?>>
            {
                ["Meter.kwh"] = context => Source(context).TryGetValue("reading", out var reading) && reading is int r ? r * 2 : null,
                ["Meter.cost"] = context => Source(context).TryGetValue("kwh", out var kwh) && kwh is int k ? k * 0.25 : null,
            },
            ("{ meters { id cost } }", null, null),
            ("{ meters { cost id } }", null, null)),
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "requires-nested",
            new Dictionary<string, string>
            {
                ["accounts"] = """{ "Query": { "accounts": [ { "id": "a1", "holder": { "name": "Ada", "country": "NL" } }, { "id": "a2", "holder": { "name": "Bo", "country": "US" } } ] } }""",
                ["addresses"] = """{ "Account": [ { "id": "a1", "region": "North" }, { "id": "a2", "region": "CA" } ] }""",
            },
            new Dictionary<string, Func<IResolveFieldContext, object?>>
            {
                ["Account.taxRate"] = context =>
                {
                    var account = Source(context);
                    var country = account.TryGetValue("holder", out var holder) && holder is IDictionary<string, object?> h ? h["country"] as string : null;
                    var region = account.TryGetValue("region", out var r) ? r as string : null;
                    return country is null || region is null ? null : (country == "NL" ? 0.21 : 0.07) + (region.Length / 100.0);
                },
            },
            ("{ accounts { taxRate } }", null, null),
            ("{ accounts { id taxRate holder { name } } }", null, null)));

    [ApolloOracleFact]
    public Task Multiple_and_nested_keys_match_apollo_gateway() => Task.WhenAll(
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "multiple-keys",
            new Dictionary<string, string>
            {
                ["catalog"] = """
                    { "Query": { "products": [ { "upc": "u1", "sku": "s1", "name": "Lamp" }, { "upc": "u2", "sku": "s2", "name": "Bulb" } ] },
                      "Product": [ { "upc": "u1", "sku": "s1", "name": "Lamp" }, { "upc": "u2", "sku": "s2", "name": "Bulb" } ] }
                    """,
                ["inventory"] = """{ "Product": [ { "sku": "s1", "stock": 3 }, { "sku": "s2", "stock": 0 } ] }""",
                ["reviews"] = """{ "Query": { "topReviews": [ { "body": "Bright", "product": { "upc": "u1" } }, { "body": "Dim", "product": { "upc": "u2" } }, { "body": "Again", "product": { "upc": "u1" } } ] } }""",
            },
            null,
            ("query Reviews { topReviews { body product { name stock } } }", null, null),
            ("{ products { name stock } }", null, null)),
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "nested-keys",
            new Dictionary<string, string>
            {
                ["users"] = """{ "Query": { "users": [ { "id": "u1", "org": { "id": "o1" }, "name": "Ada" }, { "id": "u2", "org": { "id": "o2" }, "name": "Bo" }, { "id": "u3", "org": { "id": "o1" }, "name": "Cy" } ] } }""",
                ["profiles"] = """
                    { "User": [ { "id": "u1", "org": { "id": "o1", "title": "Acme" }, "bio": "Engineer" }, { "id": "u2", "org": { "id": "o2", "title": "Initech" }, "bio": "Designer" },
                                { "id": "u3", "org": { "id": "o2", "title": "Initech" }, "bio": "Wrong org" } ],
                      "Organization": [ { "id": "o1", "title": "Acme" }, { "id": "o2", "title": "Initech" } ] }
                    """,
            },
            null,
            ("{ users { name bio org { title } } }", null, null)));

    [ApolloOracleFact]
    public Task Value_types_provides_on_unions_and_inaccessible_fields_match_apollo_gateway() => Task.WhenAll(
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "value-types",
            new Dictionary<string, string>
            {
                ["accounts"] = """{ "Query": { "accounts": [ { "id": "a1", "contact": { "email": "a@x" } }, { "id": "a2", "contact": null } ] } }""",
                ["preferences"] = """{ "Account": [ { "id": "a1", "contact": { "email": "a@x", "smsOptIn": true } }, { "id": "a2", "contact": null } ] }""",
            },
            null,
            ("{ accounts { contact { email smsOptIn } } }", null, null)),
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "provides-abstract",
            new Dictionary<string, string>
            {
                ["search"] = """{ "Query": { "search": [ { "__typename": "Book", "id": "b1", "title": "Dune" }, { "__typename": "Movie", "id": "m1", "title": "Alien" } ] } }""",
                ["library"] = """{ "Book": [ { "id": "b1", "title": "Dune (library)", "pages": 412 } ], "Movie": [ { "id": "m1", "title": "Alien (library)", "minutes": 117 } ] }""",
            },
            null,
            ("{ search { ... on Book { title pages } ... on Movie { title } } }", null, null),
            ("{ search { __typename ... on Movie { minutes } } }", null, null)),
        ApolloDifferentialTests.AssertSameAnswersAsync(
            "inaccessible",
            new Dictionary<string, string>
            {
                ["accounts"] = """{ "Query": { "account": { "id": "1", "name": "Ada", "kind": "RESIDENTIAL" }, "accounts": [ { "id": "1", "name": "Ada", "kind": "TEST" } ] } }""",
                ["billing"] = """{ "Account": [ { "id": "1", "balance": 1250 } ] }""",
            },
            null,
            ("{ account(id: \"1\") { name balance } }", null, null),
            ("{ account(id: \"1\") { kind } accounts { name kind } }", null, null)));

    [ApolloOracleFact]
    public Task Mutations_and_parallel_roots_match_apollo_gateway() => ApolloDifferentialTests.AssertSameAnswersAsync(
        "root-parallel",
        new Dictionary<string, string>
        {
            ["accounts"] = """{ "Query": { "me": { "id": "u1", "name": "Ada" } }, "User": [ { "id": "u1", "name": "Ada" } ] }""",
            ["orders"] = """
                { "Query": { "recentOrders": [ { "id": "o1", "item": "Lamp", "buyer": { "id": "u1" } } ] },
                  "User": [ { "id": "u1", "orders": [ { "id": "o1", "item": "Lamp" } ] } ] }
                """,
        },
        new Dictionary<string, Func<IResolveFieldContext, object?>>
        {
            ["Mutation.rename"] = context => new Dictionary<string, object?> { ["id"] = "u1", ["name"] = context.GetArgument<string>("name") },
            ["Mutation.login"] = context => "token-" + context.GetArgument<string>("user"),
            ["Mutation.placeOrder"] = context => new Dictionary<string, object?>
            {
                ["id"] = "o-" + context.GetArgument<string>("item"),
                ["item"] = context.GetArgument<string>("item"),
                ["buyer"] = new Dictionary<string, object?> { ["id"] = "u1" },
            },
            ["Mutation.cancelOrder"] = context => context.GetArgument<string>("id") == "o1",
        },
        ("query Home($limit: Int) { me { name } recentOrders(limit: $limit) { item } }", """{"limit": 2}""", null),
        ("mutation Two($item: String!, $id: ID!) { placeOrder(item: $item) { id } cancelOrder(id: $id) }", """{"item": "Desk", "id": "o1"}""", null),
        ("""
         mutation Checkout($name: String!, $item: String!, $id: ID!) {
           first: rename(name: $name) { name orders { item } }
           placeOrder(item: $item) { id buyer { name } }
           cancelOrder(id: $id)
           login(user: $name)
           again: rename(name: $name) { id }
         }
         """, """{"name": "Ada L.", "item": "Desk", "id": "o9"}""", null));
}
