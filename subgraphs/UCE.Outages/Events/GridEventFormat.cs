using System.Text.Json;
using UCE.Outages.Data;

namespace UCE.Outages.Events;

/// <summary>
/// Grid events on the stream: one entry per event with one field, <c>event</c>, holding the event as JSON:
/// <c>{ "eventId", "type", "outageId", "occurredAt", "source", "cause", "locationIds", "estimatedRestorationAt", "note" }</c>.
/// Reading validates the shape; whether the event fits the outage is the applier's question.
/// </summary>
public static class GridEventFormat
{
    /// <summary>The stream entry field that holds the event.</summary>
    public const string Field = "event";

    /// <summary>The entry fields of <paramref name="gridEvent"/>.</summary>
    public static Dictionary<string, string> ToFields(GridEvent gridEvent) =>
        new(StringComparer.Ordinal) { [Field] = Serialize(gridEvent) };

    public static string Serialize(GridEvent gridEvent)
    {
        ArgumentNullException.ThrowIfNull(gridEvent);
        return JsonSerializer.Serialize(new Message
        {
            EventId = gridEvent.EventId,
            Type = GridEventTypes.NameOf(gridEvent.Type),
            OutageId = gridEvent.OutageId,
            OccurredAt = new DateTimeOffset(gridEvent.OccurredAt, TimeSpan.Zero),
            Source = gridEvent.Source,
            Cause = gridEvent.Cause,
            LocationIds = gridEvent.LocationIds.Count == 0 ? null : [.. gridEvent.LocationIds],
            EstimatedRestorationAt = gridEvent.EstimatedRestorationAt is { } estimate ? new DateTimeOffset(estimate, TimeSpan.Zero) : null,
            Note = gridEvent.Note,
        }, EventJson.Options);
    }

    /// <summary>Reads the event of a stream entry; false with the reason when the entry is not a well-formed grid event.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string> fields, out GridEvent? gridEvent, out string reason)
    {
        ArgumentNullException.ThrowIfNull(fields);
        gridEvent = null;
        if (!fields.TryGetValue(Field, out var json))
        {
            reason = $"The entry has no '{Field}' field.";
            return false;
        }

        return TryParse(json, out gridEvent, out reason);
    }

    /// <summary>Parses and validates one event's JSON; false with the reason when it is not a well-formed grid event.</summary>
    public static bool TryParse(string json, out GridEvent? gridEvent, out string reason)
    {
        gridEvent = null;
        Message? message;
        try
        {
            message = JsonSerializer.Deserialize<Message>(json, EventJson.Options);
        }
        catch (JsonException error)
        {
            reason = $"The event is not valid JSON of a grid event: {error.Message}";
            return false;
        }

        if (message is null)
        {
            reason = "The event is null.";
            return false;
        }

        reason = Validate(message) ?? "";
        if (reason.Length > 0)
        {
            return false;
        }

        var type = GridEventTypes.Parse(message.Type!);
        gridEvent = new GridEvent(message.EventId!, type, message.OutageId!, message.OccurredAt!.Value.UtcDateTime)
        {
            Source = message.Source,
            Cause = message.Cause,
            LocationIds = message.LocationIds ?? [],
            EstimatedRestorationAt = message.EstimatedRestorationAt?.UtcDateTime,
            Note = message.Note,
        };
        return true;
    }

    private static string? Validate(Message message)
    {
        if (string.IsNullOrWhiteSpace(message.EventId) || message.EventId.Length > GridEventRules.MaxEventIdLength)
        {
            return $"eventId is required, at most {GridEventRules.MaxEventIdLength} characters.";
        }

        if (!GridEventTypes.TryParse(message.Type, out var type))
        {
            return $"type '{message.Type}' is not one of {string.Join(", ", GridEventTypes.All)}.";
        }

        if (string.IsNullOrWhiteSpace(message.OutageId) || message.OutageId.Length > GridEventRules.MaxOutageIdLength)
        {
            return $"outageId is required, at most {GridEventRules.MaxOutageIdLength} characters.";
        }

        if (message.OccurredAt is null)
        {
            return "occurredAt is required.";
        }

        if (message.Source?.Length > GridEventRules.MaxSourceLength || message.Note?.Length > GridEventRules.MaxNoteLength)
        {
            return $"source is at most {GridEventRules.MaxSourceLength} characters and note at most {GridEventRules.MaxNoteLength}.";
        }

        var needsLocations = type is GridEventType.OutageDetected or GridEventType.LocationsAdded or GridEventType.LocationsRemoved;
        var locations = message.LocationIds ?? [];
        if (needsLocations && locations.Count == 0)
        {
            return $"{message.Type} needs locationIds.";
        }

        if (locations.Count > GridEventRules.MaxLocations
            || locations.Exists(id => string.IsNullOrWhiteSpace(id) || id.Length > GridEventRules.MaxLocationIdLength))
        {
            return $"locationIds holds at most {GridEventRules.MaxLocations} ids of 1 to {GridEventRules.MaxLocationIdLength} characters.";
        }

        if (type == GridEventType.RestorationEstimateChanged && message.EstimatedRestorationAt is null)
        {
            return $"{message.Type} needs estimatedRestorationAt.";
        }

        return null;
    }

    private sealed class Message
    {
        public string? EventId { get; set; }

        public string? Type { get; set; }

        public string? OutageId { get; set; }

        public DateTimeOffset? OccurredAt { get; set; }

        public string? Source { get; set; }

        public OutageCause? Cause { get; set; }

        public List<string>? LocationIds { get; set; }

        public DateTimeOffset? EstimatedRestorationAt { get; set; }

        public string? Note { get; set; }
    }
}
