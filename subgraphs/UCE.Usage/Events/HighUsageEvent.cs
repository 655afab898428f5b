using System.Text.Json;
using System.Text.Json.Serialization;

namespace UCE.Usage.Events;

/// <summary>
/// Raised once per meter and month when a reading makes the month's summary cross the high-usage threshold (it was not high,
/// now it is). <see cref="EventId"/> (<c>usage-high-&lt;meter&gt;-&lt;yyyy-MM&gt;</c>) is the same however often it is raised
/// or delivered, so consumers dedupe by it. Daily averages are in kWh.
/// </summary>
public sealed record HighUsageEvent(
    string EventId,
    string CustomerId,
    string MeterId,
    string LocationId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    double AverageDailyKWh,
    double PreviousAverageDailyKWh,
    double ChangePercent,
    DateTime At)
{
    /// <summary>The stream entry field that holds the event.</summary>
    public const string Field = "event";

    /// <summary>The event's type on the stream.</summary>
    public string Type { get; init; } = "usage.high";

    /// <summary>The period compared, as <c>UsageSummary.period</c> names it.</summary>
    public string Period { get; init; } = "MONTH";

    private static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string EventIdFor(string meterId, DateOnly periodStart) => $"usage-high-{meterId}-{periodStart:yyyy-MM}";

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
