using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary>The usage subgraph's series, summaries and entity resolution over the demo set on PostgreSQL.</summary>
public sealed class UsageQueryTests(SubgraphFixture<UsageSubgraph> fixture) : IClassFixture<SubgraphFixture<UsageSubgraph>>
{
    /// <summary>The last day the demo meters have read: the day before the demo set's day.</summary>
    private DateOnly ReadThrough => UsageSeed.ReadThrough(fixture.Host.DemoDate);

    private const string LocationUsage = """
        query($r: [_Any!]!, $from: DateTime!, $to: DateTime!, $granularity: UsageGranularity!) {
          _entities(representations: $r) {
            ... on ServiceLocation { id meterId usage(from: $from, to: $to, granularity: $granularity) { granularity totalKWh costEstimate points { start end kWh } } }
          }
        }
        """;

    [Fact]
    public async Task Hourly_usage_is_the_sum_of_the_four_quarter_hours_of_each_hour()
    {
        var day = ReadThrough.AddDays(-3);
        var quarters = await SeriesAsync("loc-000005", IsoUtc.At(day), IsoUtc.At(day.AddDays(1)), "QUARTER_HOUR");
        var hours = await SeriesAsync("loc-000005", IsoUtc.At(day), IsoUtc.At(day.AddDays(1)), "HOUR");

        var quarterPoints = quarters.GetProperty("points").EnumerateArray().ToList();
        var hourPoints = hours.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(96, quarterPoints.Count);
        Assert.Equal(24, hourPoints.Count);
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(day.ToDateTime(new TimeOnly(h, 0), DateTimeKind.Utc), hourPoints[h].GetProperty("start").GetDateTime().ToUniversalTime());
            Assert.Equal(quarterPoints.Skip(h * 4).Take(4).Sum(p => p.GetProperty("kWh").GetDouble()), hourPoints[h].GetProperty("kWh").GetDouble(), 3);
        }

        Assert.Equal(quarters.GetProperty("totalKWh").GetDouble(), hours.GetProperty("totalKWh").GetDouble(), 3);
    }

    [Fact]
    public async Task A_day_of_intervals_adds_up_to_the_daily_read_of_that_day()
    {
        var day = ReadThrough.AddDays(-2);
        var hours = await SeriesAsync("loc-000008", IsoUtc.At(day), IsoUtc.At(day.AddDays(1)), "HOUR");
        var days = await SeriesAsync("loc-000008", IsoUtc.At(day), IsoUtc.At(day.AddDays(1)), "DAY");

        Assert.Single(days.GetProperty("points").EnumerateArray());
        Assert.Equal(days.GetProperty("totalKWh").GetDouble(), hours.GetProperty("totalKWh").GetDouble(), 3);
    }

    [Fact]
    public async Task Monthly_points_are_the_sums_of_their_daily_points()
    {
        // The two whole months before the month being read.
        var to = IsoUtc.MonthOf(ReadThrough);
        var from = to.AddMonths(-2);
        var firstMonthDays = DateTime.DaysInMonth(from.Year, from.Month);
        var days = await SeriesAsync("loc-000009", IsoUtc.At(from), IsoUtc.At(to), "DAY");
        var months = await SeriesAsync("loc-000009", IsoUtc.At(from), IsoUtc.At(to), "MONTH");

        var dayPoints = days.GetProperty("points").EnumerateArray().ToList();
        var monthPoints = months.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(to.DayNumber - from.DayNumber, dayPoints.Count);
        Assert.Equal(2, monthPoints.Count);
        Assert.Equal(dayPoints.Take(firstMonthDays).Sum(p => p.GetProperty("kWh").GetDouble()), monthPoints[0].GetProperty("kWh").GetDouble(), 3);
        Assert.Equal(dayPoints.Skip(firstMonthDays).Sum(p => p.GetProperty("kWh").GetDouble()), monthPoints[1].GetProperty("kWh").GetDouble(), 3);
        Assert.True(months.GetProperty("costEstimate").GetDouble() > 0);
    }

    [Fact]
    public async Task Points_outside_the_read_data_are_absent_rather_than_zero()
    {
        var quarters = await SeriesAsync("loc-000005", IsoUtc.At(ReadThrough, 12), IsoUtc.At(ReadThrough.AddDays(1), 12), "QUARTER_HOUR");

        var points = quarters.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(48, points.Count);
        Assert.Equal(ReadThrough.ToDateTime(new TimeOnly(23, 45), DateTimeKind.Utc), points[^1].GetProperty("start").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task The_month_summary_compares_the_daily_average_with_the_previous_month_and_flags_high_usage_above_30_percent()
    {
        var locations = fixture.Host.Demo.Customers().Select(c => c.Location.Id).ToList();
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on ServiceLocation { id meterId usageSummary { period current { start end daysRead kWh averageDailyKWh costEstimate } previous { start end daysRead kWh averageDailyKWh } changePercent highUsage } }
              }
            }
            """,
            new { r = locations.Select(id => new { __typename = "ServiceLocation", id }).ToArray() })).EnsureNoErrors();

        await using var db = fixture.Host.CreateDbContext<UsageDbContext>();
        var blocks = await db.DailyReads.AsNoTracking().ToListAsync();
        var flagged = 0;
        foreach (var location in response.At("_entities").EnumerateArray())
        {
            var summary = location.GetProperty("usageSummary");
            var meterId = location.GetProperty("meterId").GetString();
            var currentMonth = IsoUtc.MonthOf(ReadThrough);
            var current = blocks.Single(b => b.MeterId == meterId && b.MonthStart == currentMonth);
            var previous = blocks.Single(b => b.MeterId == meterId && b.MonthStart == currentMonth.AddMonths(-1));
            Assert.Equal(IsoUtc.Date(currentMonth), summary.GetProperty("current").GetProperty("start").GetString());
            Assert.Equal(IsoUtc.Date(ReadThrough), summary.GetProperty("current").GetProperty("end").GetString());
            Assert.Equal(ReadThrough.Day, summary.GetProperty("current").GetProperty("daysRead").GetInt32());
            Assert.Equal(currentMonth.AddDays(-1).Day, summary.GetProperty("previous").GetProperty("daysRead").GetInt32());
            Assert.Equal(current.DailyWh.Sum(wh => (long)wh) / 1000.0, summary.GetProperty("current").GetProperty("kWh").GetDouble(), 3);
            Assert.Equal(previous.DailyWh.Sum(wh => (long)wh) / 1000.0, summary.GetProperty("previous").GetProperty("kWh").GetDouble(), 3);

            var currentAverage = current.DailyWh.Average();
            var previousAverage = previous.DailyWh.Average();
            Assert.Equal(Math.Round((currentAverage - previousAverage) / previousAverage * 100, 1), summary.GetProperty("changePercent").GetDouble(), 1);
            var high = currentAverage > previousAverage * 1.3;
            Assert.Equal(high, summary.GetProperty("highUsage").GetBoolean());
            flagged += high ? 1 : 0;
        }

        Assert.InRange(flagged, 1, locations.Count - 1);
    }

    [Fact]
    public async Task An_account_usage_summary_is_the_summary_of_its_location_meter()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """
            query($r: [_Any!]!) {
              _entities(representations: $r) {
                ... on Account { id usageSummary(period: DAY) { period current { start kWh } previous { start kWh } changePercent highUsage } }
                ... on ServiceLocation { id usageSummary(period: DAY) { period current { start kWh } previous { start kWh } changePercent highUsage } }
              }
            }
            """,
            new
            {
                r = new object[]
                {
                    new { __typename = "Account", id = "acc-000006-r" },
                    new { __typename = "Account", id = "acc-000006-n" },
                    new { __typename = "ServiceLocation", id = "loc-000006" },
                },
            })).EnsureNoErrors();

        var location = response.At("_entities", 2, "usageSummary").GetRawText();
        Assert.Equal(location, response.At("_entities", 0, "usageSummary").GetRawText());
        Assert.Equal(location, response.At("_entities", 1, "usageSummary").GetRawText());
        Assert.Equal(IsoUtc.Date(ReadThrough), response.At("_entities", 2, "usageSummary", "current", "start").GetString());
        Assert.Equal(IsoUtc.Date(ReadThrough.AddDays(-1)), response.At("_entities", 2, "usageSummary", "previous", "start").GetString());
    }

    [Fact]
    public async Task Entities_resolve_locations_and_accounts_by_id_and_unknown_ones_to_null()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(
            """query($r: [_Any!]!) { _entities(representations: $r) { ... on ServiceLocation { id meterId } ... on Account { id } } }""",
            new
            {
                r = new object[]
                {
                    new { __typename = "ServiceLocation", id = "loc-000017" },
                    new { __typename = "ServiceLocation", id = "loc-999999" },
                    new { __typename = "Account", id = "acc-000017-r" },
                    new { __typename = "Account", id = "acc-999999-r" },
                },
            })).EnsureNoErrors();

        Assert.Equal("MTR-00000017", response.At("_entities", 0, "meterId").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("_entities", 1).ValueKind);
        Assert.Equal("acc-000017-r", response.At("_entities", 2, "id").GetString());
        Assert.Equal(JsonValueKind.Null, response.At("_entities", 3).ValueKind);
    }

    [Fact]
    public async Task Meter_usage_reads_a_meter_by_id_and_an_unknown_meter_is_METER_NOT_FOUND()
    {
        const string query = """
            query($meterId: String!, $from: DateTime!, $to: DateTime!) { meterUsage(meterId: $meterId, from: $from, to: $to, granularity: DAY) { meterId points { kWh } } }
            """;
        var (from, to) = (IsoUtc.At(ReadThrough.AddDays(-7)), IsoUtc.At(ReadThrough));

        var known = (await fixture.As(TestCallers.Agent).PostAsync(query, new { meterId = "MTR-00000003", from, to })).EnsureNoErrors();
        var unknown = await fixture.As(TestCallers.Agent).PostAsync(query, new { meterId = "MTR-99999999", from, to });

        Assert.Equal(7, known.At("meterUsage", "points").GetArrayLength());
        Assert.Equal(["METER_NOT_FOUND"], unknown.ErrorCodes);
    }

    [Theory]
    [InlineData("2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z", "HOUR", "USAGE_RANGE_INVALID")]
    [InlineData("2026-11-25T00:00:00Z", "2026-11-25T00:00:00Z", "DAY", "USAGE_RANGE_INVALID")]
    [InlineData("2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z", "QUARTER_HOUR", "USAGE_RANGE_TOO_LARGE")]
    [InlineData("2026-09-01T00:00:00Z", "2026-11-01T00:00:00Z", "HOUR", "USAGE_RANGE_TOO_LARGE")]
    [InlineData("2024-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "DAY", "USAGE_RANGE_TOO_LARGE")]
    [InlineData("2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "MONTH", "USAGE_RANGE_TOO_LARGE")]
    [InlineData("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", "MINUTE", "BAD_USER_INPUT")]
    public async Task A_bad_range_or_granularity_is_an_error_with_a_code_and_reads_nothing(string from, string to, string granularity, string code)
    {
        fixture.Host.SqlCommands.Reset();
        var response = await fixture.As(TestCallers.Agent).PostAsync(LocationUsage, new
        {
            r = new[] { new { __typename = "ServiceLocation", id = "loc-000005" } },
            from,
            to,
            granularity,
        });

        Assert.Contains(code, response.ErrorCodes);
        Assert.DoesNotContain(response.ErrorCodes, c => c == "INTERNAL_SERVER_ERROR");
        if (code != "BAD_USER_INPUT")
        {
            // Only the location itself was read: the range was refused before any reads were loaded.
            Assert.Equal(1, fixture.Host.SqlCommands.Count);
        }
    }

    [Fact]
    public async Task An_unknown_granularity_written_in_the_query_fails_validation()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            """{ meterUsage(meterId: "MTR-00000003", from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z", granularity: WEEK) { totalKWh } }""");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Usage_schema_file_matches_the_code() =>
        await SubgraphSchemaFile.AssertMatchesAsync(new UsageSubgraph());

    private async Task<JsonElement> SeriesAsync(string locationId, string from, string to, string granularity)
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(LocationUsage, new
        {
            r = new[] { new { __typename = "ServiceLocation", id = locationId } },
            from,
            to,
            granularity,
        })).EnsureNoErrors();
        Assert.Equal(granularity, response.At("_entities", 0, "usage", "granularity").GetString());
        return response.At("_entities", 0, "usage");
    }
}
