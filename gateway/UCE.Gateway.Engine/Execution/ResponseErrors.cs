using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>Builds the error objects of a response.</summary>
internal static class ResponseErrors
{
    public static JsonObject Create(string message, string code, IReadOnlyList<object>? path = null, string? serviceName = null)
    {
        var extensions = new JsonObject { ["code"] = code };
        if (serviceName is not null)
        {
            extensions["serviceName"] = serviceName;
        }

        var error = new JsonObject { ["message"] = message };
        if (path is not null)
        {
            error["path"] = ToJson(path);
        }

        error["extensions"] = extensions;
        return error;
    }

    public static JsonArray ToJson(IReadOnlyList<object> path)
    {
        var array = new JsonArray();
        foreach (var segment in path)
        {
            array.Add(segment is int index ? JsonValue.Create(index) : JsonValue.Create((string)segment));
        }

        return array;
    }

    /// <summary>A key for comparing paths: segments joined with a separator that cannot occur in a name.</summary>
    public static string PathKey(IReadOnlyList<object> path) => string.Join('/', path);

    public static string? PathKey(JsonNode? path)
    {
        if (path is not JsonArray array)
        {
            return null;
        }

        var parts = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            parts[i] = array[i]?.ToString() ?? string.Empty;
        }

        return string.Join('/', parts);
    }
}
