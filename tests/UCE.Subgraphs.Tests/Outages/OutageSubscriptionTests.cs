using Microsoft.Extensions.DependencyInjection;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// Subscriptions executed through the document executer: each receives the changes its filter names and no others, and
/// the same rules as queries decide who may subscribe and what each event may show.
/// </summary>
public abstract class OutageSubscriptionTests(GridEventsFixture fixture)
{
    private const string ByOutage = "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status estimatedRestorationAt areaName } }";

    private const string ByArea = "subscription($area: String!) { outagesInArea(area: $area) { id status areaName } }";

    private const string Mine = "subscription { myOutageUpdates { id status affectedCustomerCount } }";

    [Fact]
    public async Task A_subscriber_to_one_outage_receives_its_changes_and_no_other_outages()
    {
        var watched = await OpenAsync();
        var other = await OpenAsync(QuietFeeder[4]);
        await using var probe = await SubscribeAsync(ByOutage, TestCallers.Anonymous, new { id = watched });
        Assert.Empty(probe.Errors);

        await fixture.Applier.ApplyAsync(Step(other, GridEventType.OutageConfirmed), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Step(watched, GridEventType.OutageConfirmed, DateTime.UtcNow.AddHours(2)), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Step(watched, GridEventType.CrewDispatched), CancellationToken.None);

        var events = await probe.WaitForAsync(2, "two changes of the watched outage");
        Assert.Equal(["CONFIRMED", "CREW_DISPATCHED"], events.Select(e => e.GetProperty("data").GetProperty("outageStatusChanged").GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Equal(watched, e.GetProperty("data").GetProperty("outageStatusChanged").GetProperty("id").GetString()));
        Assert.Equal(JsonValueKindString, events[0].GetProperty("data").GetProperty("outageStatusChanged").GetProperty("estimatedRestorationAt").ValueKind);
    }

    [Fact]
    public async Task An_area_subscriber_receives_the_changes_of_its_area_only()
    {
        var riverside = await OpenAsync();
        var elsewhere = await OpenElsewhereAsync("Oak Hill");
        await using var oakHill = await SubscribeAsync(ByArea, TestCallers.Anonymous, new { area = "oak hill" });
        await using var riversideProbe = await SubscribeAsync(ByArea, TestCallers.Customer("cus-000001"), new { area = "Riverside" });

        await fixture.Applier.ApplyAsync(Step(riverside, GridEventType.OutageConfirmed), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Step(elsewhere, GridEventType.RestorationStarted), CancellationToken.None);

        // Changes reach each subscriber in order, so a first event from Oak Hill proves the Riverside one was never delivered there.
        var oakHillEvents = await oakHill.WaitForAsync(1, "the Oak Hill change");
        var riversideEvents = await riversideProbe.WaitForAsync(1, "the Riverside change");
        Assert.Equal(elsewhere, oakHillEvents[0].GetProperty("data").GetProperty("outagesInArea").GetProperty("id").GetString());
        Assert.Equal("RESTORING", oakHillEvents[0].GetProperty("data").GetProperty("outagesInArea").GetProperty("status").GetString());
        Assert.Equal(riverside, riversideEvents[0].GetProperty("data").GetProperty("outagesInArea").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_customer_hears_of_outages_at_their_own_premises_only_including_when_released()
    {
        var theirs = await OpenAsync(QuietFeeder[6], QuietFeeder[7]);
        var notTheirs = await OpenAsync(QuietFeeder[8]);
        await using var probe = await SubscribeAsync(Mine, TestCallers.Customer("cus-000017"));
        Assert.Empty(probe.Errors);

        await fixture.Applier.ApplyAsync(Step(notTheirs, GridEventType.OutageConfirmed), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Step(theirs, GridEventType.OutageConfirmed), CancellationToken.None);
        await fixture.Applier.ApplyAsync(Locations(theirs, GridEventType.LocationsRemoved, QuietFeeder[7]), CancellationToken.None);

        var events = await probe.WaitForAsync(2, "the two changes of the customer's outage");
        Assert.All(events, e => Assert.Equal(theirs, e.GetProperty("data").GetProperty("myOutageUpdates").GetProperty("id").GetString()));
        Assert.Equal(1, events[1].GetProperty("data").GetProperty("myOutageUpdates").GetProperty("affectedCustomerCount").GetInt32());
    }

    [Fact]
    public async Task Subscriptions_are_refused_to_callers_the_rules_refuse_and_open_no_stream()
    {
        var outageId = await OpenAsync();
        await using var agentForMine = await SubscribeAsync(Mine, TestCallers.Agent);
        await using var anonymousForMine = await SubscribeAsync(Mine, TestCallers.Anonymous);
        await using var service = await SubscribeAsync(ByOutage, TestCallers.Service("outages:write"), new { id = outageId });
        await using var partner = await SubscribeAsync(ByArea, TestCallers.Partner("grid-watch", "products:read"), new { area = "Riverside" });
        await using var partnerWithScope = await SubscribeAsync(ByArea, TestCallers.Partner("grid-watch", "outages:read"), new { area = "Riverside" });

        Assert.Equal(["FORBIDDEN"], agentForMine.Errors);
        Assert.Equal(["FORBIDDEN"], anonymousForMine.Errors);
        Assert.Equal(["FORBIDDEN"], service.Errors);
        Assert.Equal(["FORBIDDEN"], partner.Errors);
        Assert.Empty(partnerWithScope.Errors);
    }

    [Fact]
    public async Task Each_event_shows_an_anonymous_subscriber_no_premises()
    {
        var outageId = await OpenAsync();
        await using var probe = await SubscribeAsync(
            "subscription($id: ID!) { outageStatusChanged(outageId: $id) { id status affectedLocations { id } feederName } }", TestCallers.Anonymous, new { id = outageId });

        await fixture.Applier.ApplyAsync(Step(outageId, GridEventType.OutageConfirmed), CancellationToken.None);

        var received = (await probe.WaitForAsync(1, "the change"))[0];
        var outage = received.GetProperty("data").GetProperty("outageStatusChanged");
        Assert.Equal("CONFIRMED", outage.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, outage.GetProperty("affectedLocations").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, outage.GetProperty("feederName").ValueKind);
        Assert.All(received.GetProperty("errors").EnumerateArray(), error => Assert.Equal("FORBIDDEN", error.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.DoesNotContain("loc-", received.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_subscription_removes_its_listener()
    {
        var feed = fixture.Host.Services.GetRequiredService<OutageChangeFeed>();
        var before = feed.ListenerCount;
        var probe = await SubscribeAsync(ByArea, TestCallers.Anonymous, new { area = "Riverside" });
        Assert.Equal(before + 1, feed.ListenerCount);

        await probe.DisposeAsync();

        Assert.Equal(before, feed.ListenerCount);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;

    private Task<SubscriptionProbe> SubscribeAsync(string query, UCE.Subgraphs.Hosting.Identity.CallerIdentity caller, object? variables = null) =>
        SubscriptionProbe.StartAsync(fixture.Host.Services, query, caller, variables);

    private async Task<string> OpenAsync(params string[] locations)
    {
        var outageId = NewOutageId();
        await fixture.ApplyAndDrainAsync(Detected(outageId, locations));
        return outageId;
    }

    /// <summary>An outage at a location of its own in <paramref name="area"/> (the demo set has one area only).</summary>
    private async Task<string> OpenElsewhereAsync(string area)
    {
        var locationId = $"loc-t-{Guid.NewGuid():N}"[..30];
        await using (var db = fixture.CreateDbContext())
        {
            db.GridConnections.Add(new GridConnection { LocationId = locationId, CustomerId = "cus-t", FeederName = "FDR-T" + locationId[^6..], AreaName = area });
            await db.SaveChangesAsync();
        }

        return await OpenAsync(locationId);
    }
}

/// <summary>Fed by Redis pub/sub, on PostgreSQL.</summary>
public sealed class PostgresRedisOutageSubscriptionTests(PostgresRedisGridEventsFixture fixture)
    : OutageSubscriptionTests(fixture), IClassFixture<PostgresRedisGridEventsFixture>;

/// <summary>Fed by the in-process bus, on SQLite.</summary>
public sealed class EmbeddedOutageSubscriptionTests(EmbeddedGridEventsFixture fixture)
    : OutageSubscriptionTests(fixture), IClassFixture<EmbeddedGridEventsFixture>;
