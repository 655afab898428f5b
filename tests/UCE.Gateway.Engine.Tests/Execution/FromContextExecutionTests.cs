using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary><c>@fromContext</c>: the gateway reads the context value from the ancestor and passes it as the argument.</summary>
public sealed class FromContextExecutionTests
{
    private static readonly Dictionary<string, string> LedgerData = new()
    {
        ["ledger"] = """
            { "Query": { "ledgers": [ { "id": "l1", "currency": "EUR", "entries": [ { "id": "e1", "cents": 150 }, { "id": "e2", "cents": 20 } ] },
                                      { "id": "l2", "currency": "USD", "entries": [ { "id": "e3", "cents": 99 } ] } ] },
              "Entry": [ { "id": "e1", "cents": 150 }, { "id": "e2", "cents": 20 }, { "id": "e3", "cents": 99 } ] }
            """,
        ["audit"] = """{ "Entry": [ { "id": "e1", "auditedBy": "ada" }, { "id": "e2", "auditedBy": "grace" }, { "id": "e3", "auditedBy": "alan" } ] }""",
    };

    private static readonly Dictionary<string, Func<IResolveFieldContext, object?>> Formatting = new()
    {
        ["Entry.formatted"] = context =>
        {
            var entry = (IDictionary<string, object?>)context.Source!;
            var cents = entry.TryGetValue("cents", out var value) ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            return $"{cents / 100}.{cents % 100:00} {context.GetArgument<string>("currency") ?? "?"}";
        },
    };

    [Fact]
    public async Task Each_entity_gets_the_context_value_of_its_own_ancestor_one_request_per_distinct_value()
    {
        using var graph = new FixtureGraph("from-context", LedgerData, Formatting);

        var response = await graph.RunAsync("{ ledgers { id entries { cents formatted auditedBy } } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"ledgers":[
              {"id":"l1","entries":[{"cents":150,"formatted":"1.50 EUR","auditedBy":"ada"},{"cents":20,"formatted":"0.20 EUR","auditedBy":"grace"}]},
              {"id":"l2","entries":[{"cents":99,"formatted":"0.99 USD","auditedBy":"alan"}]}]}}
            """, response);
        var contextual = graph.Subgraphs.RequestsTo("ledger").Where(r => r.RepresentationCount > 0).ToList();
        Assert.Equal(2, contextual.Count);
        Assert.Equal(["EUR", "USD"], contextual.Select(r => r.Variables.GetProperty("__uce_ctx_0").GetString()).Order());
        Assert.Single(graph.Subgraphs.RequestsTo("audit"));
    }
}
