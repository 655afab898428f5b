using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Reads of the seeded cases through the service subgraph on PostgreSQL.</summary>
public sealed class CaseQueryTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    [Fact]
    public async Task The_committed_SDL_is_what_the_service_subgraph_produces() =>
        await SubgraphSchemaFile.AssertMatchesAsync(new ServiceSubgraph());

    [Fact]
    public async Task A_customer_entity_lists_its_cases_newest_first()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id cases { id customer { id } status category slaDueAt openedAt } } } }
            """,
            new { r = new[] { new { __typename = "Customer", id = "cus-000001" } } })).EnsureNoErrors();

        var cases = response.At("_entities", 0, "cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Equal("cus-000001", c.GetProperty("customer").GetProperty("id").GetString()));
        var opened = cases.Select(c => c.GetProperty("openedAt").GetDateTime()).ToList();
        Assert.Equal(opened.OrderDescending(), opened);
    }

    [Fact]
    public async Task An_unknown_case_is_CASE_NOT_FOUND()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("{ case(id: \"cas-nope\") { id } }");

        Assert.Equal(["CASE_NOT_FOUND"], response.ErrorCodes);
    }
}
