using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>Reads of the seeded demo set through the outages subgraph on PostgreSQL.</summary>
public sealed class OutageQueryTests(SubgraphFixture<OutagesSubgraph> fixture) : IClassFixture<SubgraphFixture<OutagesSubgraph>>
{
    private const string OutageFields = """
        id status cause startedAt estimatedRestorationAt restoredAt areaName feederName affectedCustomerCount
        affectedLocations { id }
        statusHistory { status at }
        reports { id serviceLocation { id } customerId reportedBy reportedAt description }
        """;

    [Fact]
    public async Task Outage_by_id_returns_its_history_reports_and_affected_locations()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            $"query($id: ID!) {{ outage(id: $id) {{ {OutageFields} }} }}",
            new { id = "out-000001-01" })).EnsureNoErrors();

        var outage = response.At("outage");
        Assert.Equal("RESTORED", outage.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, outage.GetProperty("restoredAt").ValueKind);
        Assert.Equal("FDR-00001", outage.GetProperty("feederName").GetString());
        Assert.Equal(
            ["REPORTED", "CONFIRMED", "CREW_DISPATCHED", "RESTORING", "RESTORED"],
            outage.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        var locations = outage.GetProperty("affectedLocations").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"loc-{i:D6}"), locations);
        Assert.Equal(10, outage.GetProperty("affectedCustomerCount").GetInt32());
        var reports = outage.GetProperty("reports").EnumerateArray().ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Contains(r.GetProperty("serviceLocation").GetProperty("id").GetString(), locations));
    }

    [Fact]
    public async Task Active_outages_lists_every_outage_not_yet_restored_newest_first()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync("{ activeOutages(first: 100) { id status startedAt } }")).EnsureNoErrors();

        var active = response.At("activeOutages").EnumerateArray().ToList();
        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        var expected = await db.Outages.CountAsync(o => o.Status != OutageStatus.Restored);
        Assert.True(expected > 0, "The demo set has outages in progress.");
        Assert.Equal(expected, active.Count);
        Assert.All(active, o => Assert.NotEqual("RESTORED", o.GetProperty("status").GetString()));
        var started = active.Select(o => o.GetProperty("startedAt").GetDateTime()).ToList();
        Assert.Equal(started.OrderByDescending(s => s), started);
    }

    [Fact]
    public async Task Active_outages_takes_only_the_first_n()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync("{ activeOutages(first: 1) { id } }")).EnsureNoErrors();

        Assert.Single(response.At("activeOutages").EnumerateArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Active_outages_refuses_a_page_size_outside_1_to_100(int first)
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("query($first: Int) { activeOutages(first: $first) { id } }", new { first });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Unknown_outage_id_is_an_OUTAGE_NOT_FOUND_error()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync("{ outage(id: \"out-nope\") { id } }");

        Assert.Equal(["OUTAGE_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.At("outage").ValueKind);
    }

    [Fact]
    public async Task Service_location_entities_carry_current_outage_and_history()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on ServiceLocation { id currentOutage { id status } outageHistory(first: 2) { id startedAt } }
              }
            }
            """,
            new
            {
                representations = new object[]
                {
                    new { __typename = "ServiceLocation", id = "loc-000001" },
                    new { __typename = "ServiceLocation", id = "loc-000015" },
                    new { __typename = "ServiceLocation", id = "loc-999999" },
                },
            })).EnsureNoErrors();

        var entities = response.At("_entities").EnumerateArray().ToList();
        Assert.Equal(3, entities.Count);

        var outOfPower = entities[0];
        Assert.Equal("loc-000001", outOfPower.GetProperty("id").GetString());
        Assert.NotEqual("RESTORED", outOfPower.GetProperty("currentOutage").GetProperty("status").GetString());
        Assert.Equal(2, outOfPower.GetProperty("outageHistory").GetArrayLength());

        var powered = entities[1];
        Assert.Equal(JsonValueKind.Null, powered.GetProperty("currentOutage").ValueKind);
        var history = powered.GetProperty("outageHistory").EnumerateArray().Select(o => o.GetProperty("startedAt").GetDateTime()).ToList();
        Assert.NotEmpty(history);
        Assert.Equal(history.OrderByDescending(s => s), history);

        Assert.Equal(JsonValueKind.Null, entities[2].ValueKind);
    }

    [Fact]
    public async Task Outage_entities_resolve_by_id()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) { ... on Outage { id feederName } }
            }
            """,
            new
            {
                representations = new object[]
                {
                    new { __typename = "Outage", id = "out-000002-01" },
                    new { __typename = "Outage", id = "out-missing" },
                },
            })).EnsureNoErrors();

        var entities = response.At("_entities").EnumerateArray().ToList();
        Assert.Equal("FDR-00002", entities[0].GetProperty("feederName").GetString());
        Assert.Equal(JsonValueKind.Null, entities[1].ValueKind);
    }

    [Fact]
    public async Task A_ServiceLocation_representation_without_an_id_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on ServiceLocation { id } } }",
            new { r = new object[] { new { __typename = "ServiceLocation" } } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Committed_schema_matches_the_schema_the_code_produces()
    {
        await SubgraphSchemaFile.AssertMatchesAsync(new OutagesSubgraph());
    }
}
