using System.Text.Json;

namespace UCE.Communications.Events;

/// <summary>What communications reads of an entry of the usage event stream (field <c>event</c>, JSON, type <c>usage.high</c>).</summary>
public sealed record HighUsageMessage
{
    /// <summary>The stream entry field that holds the event.</summary>
    public const string Field = "event";

    /// <summary>The one event type communications acts on.</summary>
    public const string HighUsageType = "usage.high";

    public string EventId { get; init; } = "";

    public string Type { get; init; } = "";

    public string CustomerId { get; init; } = "";

    public string MeterId { get; init; } = "";

    public DateOnly PeriodStart { get; init; }

    public double AverageDailyKWh { get; init; }

    public double PreviousAverageDailyKWh { get; init; }

    public double ChangePercent { get; init; }

    private static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The event in <paramref name="json"/>; null when it is not one (no event id, type or customer).</summary>
    public static HighUsageMessage? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var message = JsonSerializer.Deserialize<HighUsageMessage>(json, Json);
            return message is { EventId.Length: > 0, Type.Length: > 0, CustomerId.Length: > 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
