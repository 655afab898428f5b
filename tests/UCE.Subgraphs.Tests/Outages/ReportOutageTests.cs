using Microsoft.EntityFrameworkCore;
using UCE.Outages;
using UCE.Outages.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>The <c>reportOutage</c> mutation on PostgreSQL. Each test works on its own feeder of the demo set.</summary>
public sealed class ReportOutageTests(SubgraphFixture<OutagesSubgraph> fixture) : IClassFixture<SubgraphFixture<OutagesSubgraph>>
{
    private const string ReportOutage = """
        mutation($input: ReportOutageInput!) {
          reportOutage(input: $input) {
            outageCreated
            report { id customerId reportedBy description serviceLocation { id } }
            outage { id status feederName affectedCustomerCount affectedLocations { id } statusHistory { status } }
          }
        }
        """;

    /// <summary>What a customer may read back: the outage as the public sees it (no feeder, no other premises).</summary>
    private const string CustomerReportOutage = """
        mutation($input: ReportOutageInput!) {
          reportOutage(input: $input) {
            outageCreated
            report { id customerId reportedBy description serviceLocation { id } }
            outage { id status affectedCustomerCount statusHistory { status } }
          }
        }
        """;

    private static readonly Dictionary<string, string> CustomerCaller = new()
    {
        [IdentityHeaders.Role] = "customer",
        [IdentityHeaders.CustomerId] = "cus-000003",
        [IdentityHeaders.Subject] = "auth0|customer-3",
    };

    [Fact]
    public async Task Report_at_a_location_already_out_joins_the_active_outage_and_records_the_caller()
    {
        await using var before = fixture.Host.CreateDbContext<OutagesDbContext>();
        var active = await before.Outages.AsNoTracking().Include(o => o.AffectedLocations)
            .SingleAsync(o => o.FeederName == "FDR-00001" && o.Status != OutageStatus.Restored);
        var outagesBefore = await before.Outages.CountAsync();

        var response = (await fixture.GraphQL.PostAsync(
            CustomerReportOutage,
            new { input = new { serviceLocationId = "loc-000003", description = "  Lights out since noon.  " } },
            CustomerCaller)).EnsureNoErrors();

        var payload = response.At("reportOutage");
        Assert.False(payload.GetProperty("outageCreated").GetBoolean());
        Assert.Equal(active.Id, payload.GetProperty("outage").GetProperty("id").GetString());
        Assert.Equal(active.AffectedCustomerCount, payload.GetProperty("outage").GetProperty("affectedCustomerCount").GetInt32());
        var reportId = payload.GetProperty("report").GetProperty("id").GetString();

        await using var after = fixture.Host.CreateDbContext<OutagesDbContext>();
        var stored = await after.OutageReports.SingleAsync(r => r.Id == reportId);
        Assert.Equal(active.Id, stored.OutageId);
        Assert.Equal("loc-000003", stored.LocationId);
        Assert.Equal("cus-000003", stored.CustomerId);
        Assert.Equal("auth0|customer-3", stored.ReportedBy);
        Assert.Equal("Lights out since noon.", stored.Description);
        Assert.Equal(outagesBefore, await after.Outages.CountAsync());
    }

    [Fact]
    public async Task Report_where_power_is_on_opens_a_reported_outage_that_later_reports_on_the_feeder_join()
    {
        var first = (await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = "loc-000015", description = "No power." } })).EnsureNoErrors();

        var opened = first.At("reportOutage");
        Assert.True(opened.GetProperty("outageCreated").GetBoolean());
        var outage = opened.GetProperty("outage");
        Assert.Equal("REPORTED", outage.GetProperty("status").GetString());
        Assert.Equal("FDR-00002", outage.GetProperty("feederName").GetString());
        Assert.Equal(["loc-000015"], outage.GetProperty("affectedLocations").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["REPORTED"], outage.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(1, outage.GetProperty("affectedCustomerCount").GetInt32());
        var outageId = outage.GetProperty("id").GetString();

        var second = (await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = "loc-000016", description = "Neighbour here, also dark." } })).EnsureNoErrors();

        var joined = second.At("reportOutage");
        Assert.False(joined.GetProperty("outageCreated").GetBoolean());
        Assert.Equal(outageId, joined.GetProperty("outage").GetProperty("id").GetString());
        Assert.Equal(2, joined.GetProperty("outage").GetProperty("affectedCustomerCount").GetInt32());

        var current = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) { ... on ServiceLocation { currentOutage { id reports { id } } } }
            }
            """,
            new { representations = new object[] { new { __typename = "ServiceLocation", id = "loc-000016" } } })).EnsureNoErrors();
        var currentOutage = current.At("_entities", 0, "currentOutage");
        Assert.Equal(outageId, currentOutage.GetProperty("id").GetString());
        Assert.Equal(2, currentOutage.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task Simultaneous_reports_from_one_powered_feeder_open_a_single_outage()
    {
        var locations = Enumerable.Range(21, 8).Select(i => $"loc-{i:D6}").ToList();

        var responses = await Task.WhenAll(locations.Select(location => fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = location, description = "Storm, no power." } })));

        Assert.All(responses, r => r.EnsureNoErrors());
        Assert.Single(responses, r => r.At("reportOutage", "outageCreated").GetBoolean());
        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        var active = await db.Outages.AsNoTracking().Include(o => o.AffectedLocations).Include(o => o.Reports)
            .SingleAsync(o => o.FeederName == "FDR-00003" && o.Status != OutageStatus.Restored);
        Assert.Equal(locations, active.AffectedLocations.Select(l => l.LocationId).Order(StringComparer.Ordinal));
        Assert.Equal(8, active.AffectedCustomerCount);
        Assert.Equal(8, active.Reports.Count);
    }

    [Fact]
    public async Task Report_for_an_unknown_location_is_refused_and_changes_nothing()
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = "loc-999999", description = "No power." } });

        Assert.Equal(["SERVICE_LOCATION_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public async Task Report_without_a_description_is_refused_and_changes_nothing(string description)
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = "loc-000025", description } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Fact]
    public async Task Report_with_an_overlong_description_is_refused_and_changes_nothing()
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { serviceLocationId = "loc-000025", description = new string('x', OutageReportRules.MaxDescriptionLength + 1) } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    [Fact]
    public async Task Report_missing_the_location_field_fails_validation_and_changes_nothing()
    {
        var snapshot = await CountRowsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(
            ReportOutage,
            new { input = new { description = "No power." } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(snapshot, await CountRowsAsync());
    }

    private async Task<(int Outages, int Reports, int Locations, int History)> CountRowsAsync()
    {
        await using var db = fixture.Host.CreateDbContext<OutagesDbContext>();
        return (
            await db.Outages.CountAsync(),
            await db.OutageReports.CountAsync(),
            await db.OutageLocations.CountAsync(),
            await db.OutageStatusChanges.CountAsync());
    }
}
