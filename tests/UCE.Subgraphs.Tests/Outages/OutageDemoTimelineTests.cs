using System.Globalization;
using System.Text.Json;
using UCE.Outages;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>The demo set is written as of the day it is seeded, so that outages in progress look current that whole day.</summary>
public sealed class OutageDemoTimelineTests
{
    private const string ActiveOutages = "{ activeOutages(first: 100) { id status startedAt estimatedRestorationAt restoredAt statusHistory { status at } reports { reportedAt } } }";

    [Theory]
    [InlineData("2031-03-05", 0, 5)]
    [InlineData("2031-03-05", 23, 55)]
    [InlineData("2027-07-20", 12, 0)]
    public async Task Outages_in_progress_began_before_the_seeding_day_and_are_estimated_back_after_it(string seededOn, int hour, int minute)
    {
        var day = DateOnly.Parse(seededOn, CultureInfo.InvariantCulture);
        var dayStart = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var database = await PostgresDatabase.CreateAsync("outages_timeline");
        await using var host = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), database.ConnectionString, clock: new FixedClock(day, hour, minute));

        var active = (await host.As(TestCallers.Agent).PostAsync(ActiveOutages)).EnsureNoErrors().At("activeOutages").EnumerateArray().ToList();

        Assert.Equal(day, host.DemoDate);
        Assert.NotEmpty(active);
        Assert.All(active, outage =>
        {
            Assert.NotEqual("RESTORED", outage.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, outage.GetProperty("restoredAt").ValueKind);
            Assert.InRange(Utc(outage.GetProperty("startedAt")), dayStart.AddDays(-1), dayStart);
            Assert.True(Utc(outage.GetProperty("estimatedRestorationAt")) > dayStart.AddDays(1), $"{outage.GetProperty("id")} is estimated back before {day} ends.");
            Assert.All(outage.GetProperty("statusHistory").EnumerateArray(), change => Assert.True(Utc(change.GetProperty("at")) < dayStart));
            Assert.All(outage.GetProperty("reports").EnumerateArray(), report => Assert.True(Utc(report.GetProperty("reportedAt")) < dayStart));
        });
    }

    [Fact]
    public async Task Demo_set_is_the_same_whenever_on_its_day_it_is_seeded_and_moves_with_the_day()
    {
        var day = new DateOnly(2031, 3, 5);
        await using var early = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), connectionString: null, clock: new FixedClock(day, 0, 5));
        await using var late = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), connectionString: null, clock: new FixedClock(day, 23, 55));
        await using var nextDay = await SubgraphTestHost.StartAsync(new OutagesSubgraph(), connectionString: null, clock: new FixedClock(day.AddDays(1), 12));

        var earlyResponse = (await early.As(TestCallers.Agent).PostAsync(ActiveOutages)).EnsureNoErrors();
        var lateResponse = (await late.As(TestCallers.Agent).PostAsync(ActiveOutages)).EnsureNoErrors();
        var nextDayResponse = (await nextDay.As(TestCallers.Agent).PostAsync(ActiveOutages)).EnsureNoErrors();

        Assert.Equal(earlyResponse.Body, lateResponse.Body);
        Assert.NotEqual(earlyResponse.Body, nextDayResponse.Body);
        Assert.Equal(Ids(earlyResponse), Ids(nextDayResponse));
    }

    private static IEnumerable<string?> Ids(GraphQLResponse response) =>
        response.At("activeOutages").EnumerateArray().Select(outage => outage.GetProperty("id").GetString());

    private static DateTime Utc(JsonElement value) =>
        DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
