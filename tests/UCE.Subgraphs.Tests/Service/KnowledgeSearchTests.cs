using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Full-text search of the knowledge base on PostgreSQL and on SQLite, over the demo articles.</summary>
public sealed class KnowledgeSearchTests(KnowledgeStoresFixture fixture) : IClassFixture<KnowledgeStoresFixture>
{
    private const string Search = """
        query($query: String!, $first: Int) {
          searchKnowledgeArticles(query: $query, first: $first) { position score title snippet article { id title } }
        }
        """;

    public static TheoryData<string> FixedQueries { get; } =
    [
        "autopay", "payment arrangement", "estimated meter reading", "outage restoration time", "power line down",
        "EV charger installation", "thermostat rewards credit", "solar lease", "move service new address", "final bill",
        "late payment", "refund credit balance", "budget billing", "high bill", "warranty claim", "paying bills",
    ];

    [Theory]
    [MemberData(nameof(FixedQueries))]
    public async Task Search_returns_the_same_top_results_on_postgresql_and_sqlite(string query)
    {
        var postgres = await TopAsync(fixture.Postgres, query, 5);
        var sqlite = await TopAsync(fixture.Sqlite, query, 5);

        Assert.NotEmpty(postgres);
        Assert.Equal(postgres.Take(3), sqlite.Take(3));
    }

    private static async Task<List<string>> TopAsync(SubgraphTestHost host, string query, int first)
    {
        var response = (await host.As(TestCallers.Agent).PostAsync(Search, new { query, first })).EnsureNoErrors();
        return [.. response.At("searchKnowledgeArticles").EnumerateArray().Select(hit => hit.GetProperty("article").GetProperty("id").GetString()!)];
    }
}
