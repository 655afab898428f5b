using System.Text.Json;
using System.Text.Json.Serialization;

namespace UCE.Outages.Events;

/// <summary>The JSON of grid events and change messages: camelCase members, enums as in the schema (<c>CREW_DISPATCHED</c>), times in ISO 8601 UTC.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
