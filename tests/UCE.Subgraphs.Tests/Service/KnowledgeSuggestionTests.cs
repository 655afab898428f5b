using UCE.Service;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary><c>Case.suggestedArticles</c>: from the case's category and text, for the caller's audiences, batched.</summary>
public sealed class KnowledgeSuggestionTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    private const string CasesWithSuggestions = """
        query($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer { id cases { id category subject suggestedArticles(first: 3) { position snippet article { id category audience } } } }
          }
        }
        """;

    [Fact]
    public async Task Suggestions_come_from_the_case_text_with_articles_of_its_category_first()
    {
        var cases = await CasesAsync(TestCallers.Agent, DemoGraph.DemoCustomerCount);
        var thermostat = cases.First(c => c.GetProperty("subject").GetString() == "Thermostat offline");
        var outage = cases.First(c => c.GetProperty("category").GetString() == "OUTAGE");

        Assert.Equal("kb-0039", First(thermostat).GetProperty("article").GetProperty("id").GetString());
        Assert.Contains("<mark>", First(thermostat).GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal("OUTAGES", First(outage).GetProperty("article").GetProperty("category").GetString());
        Assert.All(cases, c => Assert.InRange(c.GetProperty("suggestedArticles").GetArrayLength(), 0, 3));
    }

    [Fact]
    public async Task A_customer_is_suggested_public_articles_only()
    {
        var cases = await CasesAsync(TestCallers.Customer("cus-000001"), 1, firstCustomer: 1);
        var suggestions = cases.SelectMany(c => c.GetProperty("suggestedArticles").EnumerateArray()).ToList();

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Equal("PUBLIC", s.GetProperty("article").GetProperty("audience").GetString()));
    }

    [Fact]
    public async Task Forty_customers_cases_cost_as_many_sql_commands_as_five()
    {
        var (five, fiveCommands) = await fixture.Host.MeasureAsync(CasesWithSuggestions, Representations(5));
        var (forty, fortyCommands) = await fixture.Host.MeasureAsync(CasesWithSuggestions, Representations(DemoGraph.DemoCustomerCount));

        Assert.Equal(5, five.EnsureNoErrors().At("_entities").GetArrayLength());
        var cases = forty.EnsureNoErrors().At("_entities").EnumerateArray().SelectMany(c => c.GetProperty("cases").EnumerateArray()).ToList();
        Assert.True(cases.Count >= 20, $"{cases.Count} cases");
        Assert.True(cases.Count(c => c.GetProperty("suggestedArticles").GetArrayLength() > 0) >= 20);

        // Customer profiles, their cases, the suggestion searches (one command), the suggested articles with their versions.
        Assert.Equal(fiveCommands, fortyCommands);
        Assert.InRange(fortyCommands, 3, 6);
    }

    private async Task<List<System.Text.Json.JsonElement>> CasesAsync(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller, int customers, int firstCustomer = 1)
    {
        var response = (await fixture.As(caller).PostAsync(CasesWithSuggestions, Representations(customers, firstCustomer))).EnsureNoErrors();
        return [.. response.At("_entities").EnumerateArray().SelectMany(c => c.GetProperty("cases").EnumerateArray())];
    }

    private static System.Text.Json.JsonElement First(System.Text.Json.JsonElement @case) => @case.GetProperty("suggestedArticles")[0];

    private static object Representations(int count, int first = 1) => new
    {
        r = Enumerable.Range(first, count).Select(i => new { __typename = "Customer", id = DemoGraph.CustomerId(i) }).ToArray(),
    };
}
