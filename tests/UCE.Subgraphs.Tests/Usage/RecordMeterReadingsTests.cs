using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Usage;

/// <summary><c>recordMeterReadings</c>: daily reads from the meter data system, checked before anything is written.</summary>
public sealed class RecordMeterReadingsTests(SubgraphFixture<UsageSubgraph> fixture) : IClassFixture<SubgraphFixture<UsageSubgraph>>
{
    private const string Record = """
        mutation($input: RecordMeterReadingsInput!) {
          recordMeterReadings(input: $input) { meterId readThrough recorded highUsage highUsageEventId }
        }
        """;

    private DateOnly ReadThrough => UsageSeed.ReadThrough(fixture.Host.DemoDate);

    private GraphQLClient MeterDataSystem => fixture.As(TestCallers.Service(AccessScopes.UsageWrite));

    [Fact]
    public async Task A_reading_of_the_next_day_extends_the_reads_and_a_reading_of_a_day_read_corrects_it()
    {
        const string meterId = "MTR-00000031";
        var next = ReadThrough.AddDays(1);

        var response = (await MeterDataSystem.PostAsync(Record, Input(meterId, (ReadThrough.AddDays(-2), 12.5), (next, 30.25)))).EnsureNoErrors();

        Assert.Equal(IsoUtc.Date(next), response.At("recordMeterReadings", "readThrough").GetString());
        Assert.Equal(2, response.At("recordMeterReadings", "recorded").GetInt32());
        var series = (await fixture.As(TestCallers.Agent).PostAsync(
            "query($from: DateTime!, $to: DateTime!) { meterUsage(meterId: \"MTR-00000031\", from: $from, to: $to, granularity: DAY) { points { start kWh } } }",
            new { from = IsoUtc.At(ReadThrough.AddDays(-2)), to = IsoUtc.At(next.AddDays(1)) })).EnsureNoErrors();
        var points = series.At("meterUsage", "points").EnumerateArray().Select(p => p.GetProperty("kWh").GetDouble()).ToList();
        Assert.Equal(4, points.Count);
        Assert.Equal(12.5, points[0]);
        Assert.Equal(30.25, points[3]);
    }

    [Theory]
    [InlineData(2, 10.0, "leaves a gap")]
    [InlineData(-40, 10.0, "more than 31 days before")]
    [InlineData(1, -1.0, "between 0 and")]
    [InlineData(1, 100_001.0, "between 0 and")]
    public async Task A_reading_that_cannot_be_recorded_is_METER_READING_INVALID_and_writes_nothing(int daysAfterReadThrough, double kWh, string reason)
    {
        const string meterId = "MTR-00000032";

        var response = await MeterDataSystem.PostAsync(Record, Input(meterId, (ReadThrough.AddDays(daysAfterReadThrough), kWh)));

        Assert.Equal(["METER_READING_INVALID"], response.ErrorCodes);
        Assert.Contains(reason, response.Body, StringComparison.Ordinal);
        Assert.Equal(ReadThrough, await ReadThroughAsync(meterId));
    }

    [Fact]
    public async Task A_day_in_the_future_a_day_twice_and_an_unknown_meter_are_refused()
    {
        var tomorrow = ReadThrough.AddDays(2);

        var future = await MeterDataSystem.PostAsync(Record, Input("MTR-00000033", (ReadThrough.AddDays(1), 1), (tomorrow, 1)));
        var twice = await MeterDataSystem.PostAsync(Record, Input("MTR-00000033", (ReadThrough, 1), (ReadThrough, 2)));
        var unknown = await MeterDataSystem.PostAsync(Record, Input("MTR-99999999", (ReadThrough, 1)));

        Assert.Equal(["METER_READING_INVALID"], future.ErrorCodes);
        Assert.Contains("is in the future", future.Body, StringComparison.Ordinal);
        Assert.Equal(["METER_READING_INVALID"], twice.ErrorCodes);
        Assert.Equal(["METER_NOT_FOUND"], unknown.ErrorCodes);
        Assert.Equal(ReadThrough, await ReadThroughAsync("MTR-00000033"));
    }

    public static TheoryData<string> Refused => ["customer", "agent", "supervisor", "partner", "service without usage:write", "anonymous"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Only_a_service_with_usage_write_may_record_readings(string who)
    {
        CallerIdentity caller = who switch
        {
            "customer" => TestCallers.Customer("cus-000034"),
            "agent" => TestCallers.Agent,
            "supervisor" => TestCallers.Supervisor,
            "partner" => TestCallers.Partner(UsageConsent.DemoPartnerClientId, AccessScopes.UsageRead, AccessScopes.UsageWrite),
            "service without usage:write" => TestCallers.Service(AccessScopes.UsageRead, AccessScopes.OutagesWrite),
            _ => TestCallers.Anonymous,
        };

        var response = await fixture.As(caller).PostAsync(Record, Input("MTR-00000034", (ReadThrough.AddDays(1), 99)));

        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.At("recordMeterReadings").ValueKind);
        Assert.Equal(ReadThrough, await ReadThroughAsync("MTR-00000034"));
    }

    private static object Input(string meterId, params (DateOnly Day, double KWh)[] readings) => new
    {
        input = new { meterId, readings = readings.Select(r => new { day = IsoUtc.Date(r.Day), kWh = r.KWh }).ToArray() },
    };

    private async Task<DateOnly> ReadThroughAsync(string meterId)
    {
        await using var db = fixture.Host.CreateDbContext<UsageDbContext>();
        return (await db.Meters.AsNoTracking().SingleAsync(m => m.Id == meterId)).ReadThrough;
    }
}
