using System.Text.Json;

namespace UCE.Communications.Events;

/// <summary>
/// What communications reads of an entry of the outages change stream (field <c>change</c>, the outages subgraph's
/// <c>OutageChanged</c> as JSON): the subgraphs share the message, not code. Statuses are as in the schema (<c>RESTORED</c>).
/// </summary>
public sealed record OutageChangeMessage
{
    /// <summary>The stream entry field that holds the change.</summary>
    public const string Field = "change";

    public string EventId { get; init; } = "";

    /// <summary>The grid event type that made the change (<c>outage.confirmed</c>).</summary>
    public string EventType { get; init; } = "";

    public string OutageId { get; init; } = "";

    public string Status { get; init; } = "";

    public DateTime? EstimatedRestorationAt { get; init; }

    public string AreaName { get; init; } = "";

    public IReadOnlyList<string> AffectedCustomerIds { get; init; } = [];

    public IReadOnlyList<string> AddedCustomerIds { get; init; } = [];

    public IReadOnlyList<string> ReleasedCustomerIds { get; init; } = [];

    private static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The change in <paramref name="json"/>; null when it is not one (no event id or type).</summary>
    public static OutageChangeMessage? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var message = JsonSerializer.Deserialize<OutageChangeMessage>(json, Json);
            return message is { EventId.Length: > 0, EventType.Length: > 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
