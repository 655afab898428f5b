using Microsoft.EntityFrameworkCore;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>Outages by area for everyone, premises for nobody but agents, and outage reports only for what is the reporter's.</summary>
public sealed class OutagesAuthorizationTests(SubgraphFixture<OutagesSubgraph> fixture) : IClassFixture<SubgraphFixture<OutagesSubgraph>>
{
    private const string ReportOutage = """
        mutation($input: ReportOutageInput!) { reportOutage(input: $input) { outageCreated report { id } outage { id areaName } } }
        """;

    private GraphQLClient Attacker => fixture.As(TestCallers.Customer(Hostile.Attacker));

    public static TheoryData<string> ForeignReporters => new() { "customer", "partner", "service" };

    [Fact]
    public async Task Anonymous_callers_see_active_outages_by_area_without_any_premises()
    {
        var response = (await fixture.GraphQL.PostAsync(
            "{ activeOutages(first: 100) { id status cause areaName affectedCustomerCount estimatedRestorationAt statusHistory { status } } }")).EnsureNoErrors();

        Assert.NotEqual(0, response.At("activeOutages").GetArrayLength());
        Assert.DoesNotContain("loc-", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("FDR-", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_asking_for_premises_feeders_or_reports_get_null_and_forbidden_there_and_the_rest()
    {
        var response = await fixture.GraphQL.PostAsync("{ activeOutages(first: 1) { id areaName feederName affectedLocations { id } reports { description customerId } } }");

        Hostile.AssertRefused(response, "activeOutages", 0, "affectedLocations");
        Hostile.AssertRefused(response, "activeOutages", 0, "reports");
        Hostile.AssertRefused(response, "activeOutages", 0, "feederName");
        Assert.NotEmpty(response.At("activeOutages", 0, "areaName").GetString()!);
        Assert.DoesNotContain("loc-", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_with_outages_read_sees_outages_and_their_feeders_and_without_it_nothing()
    {
        var withScope = (await fixture.As(TestCallers.Partner("grid-watch", "outages:read")).PostAsync("{ activeOutages(first: 3) { id feederName } }")).EnsureNoErrors();
        var withoutScope = await fixture.As(TestCallers.Partner("grid-watch", "products:read")).PostAsync("{ activeOutages(first: 3) { id } }");
        var service = await fixture.As(TestCallers.Service("outages:write")).PostAsync("{ activeOutages(first: 3) { id } }");

        Assert.StartsWith("FDR-", withScope.At("activeOutages", 0, "feederName").GetString(), StringComparison.Ordinal);
        Assert.Equal(["FORBIDDEN"], withoutScope.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], service.ErrorCodes);
    }

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation_and_outages_stay_public()
    {
        var customerData = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ServiceLocation"] = new { __typename = "ServiceLocation", id = "loc-000002" },
            ["Customer"] = new { __typename = "Customer", id = Hostile.Victim },
        };
        var publicData = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Outage"] = new { __typename = "Outage", id = "out-000001-01" },
        };

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            var query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ServiceLocation { id currentOutage { id } outageHistory { id } } ... on Outage { id areaName } ... on Customer { id activeOutageCount } } }";
            if (customerData.TryGetValue(type, out var hostile))
            {
                var response = await Attacker.PostAsync(query, new { r = new[] { new { __typename = "ServiceLocation", id = "loc-000001" }, hostile } });

                Hostile.AssertRefused(response, "_entities", 1);
                Assert.Equal("loc-000001", response.At("_entities", 0, "id").GetString());
            }
            else
            {
                Assert.True(publicData.TryGetValue(type, out var open), $"Entity type {type} has no case.");
                var response = (await fixture.GraphQL.PostAsync(query, new { r = new[] { open } })).EnsureNoErrors();

                Assert.Equal(type, response.At("_entities", 0, "__typename").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(ForeignReporters))]
    public async Task Reporting_an_outage_at_another_customers_premises_is_forbidden_and_writes_nothing(string role)
    {
        var caller = role switch
        {
            "customer" => TestCallers.Customer(Hostile.Attacker),
            "partner" => TestCallers.Partner("grid-watch", "outages:read"),
            _ => TestCallers.Service("outages:write", "notifications:send"),
        };
        var before = await ReportCountAsync();

        var response = await fixture.As(caller).PostAsync(ReportOutage, new { input = new { serviceLocationId = "loc-000002", description = "Not my house.", contact = "555-0100" } });

        Hostile.AssertRefused(response, "reportOutage");
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task Anonymous_callers_report_with_contact_details_and_are_refused_without()
    {
        var before = await ReportCountAsync();

        var without = await fixture.GraphQL.PostAsync(ReportOutage, new { input = new { serviceLocationId = "loc-000011", description = "Dark street." } });
        var with = (await fixture.GraphQL.PostAsync(ReportOutage, new { input = new { serviceLocationId = "loc-000011", description = "Dark street.", contact = "passer-by@example.com" } })).EnsureNoErrors();

        Assert.Equal(["BAD_USER_INPUT"], without.ErrorCodes);
        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        var stored = await db.OutageReports.SingleAsync(r => r.Id == with.At("reportOutage", "report", "id").GetString());
        Assert.Equal("passer-by@example.com", stored.Contact);
        Assert.Null(stored.CustomerId);
        Assert.Equal(before + 1, await ReportCountAsync());
    }

    [Fact]
    public async Task A_customer_reports_an_outage_at_their_own_premises()
    {
        var response = (await fixture.As(TestCallers.Customer("cus-000031")).PostAsync(ReportOutage, new { input = new { serviceLocationId = "loc-000031", description = "Ours is out." } })).EnsureNoErrors();

        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        var stored = await db.OutageReports.SingleAsync(r => r.Id == response.At("reportOutage", "report", "id").GetString());
        Assert.Equal("cus-000031", stored.CustomerId);
    }

    private async Task<int> ReportCountAsync()
    {
        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        return await db.OutageReports.CountAsync();
    }
}
