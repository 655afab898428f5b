using System.Text.Json;

namespace UCE.Gateway.Transport;

/// <summary>A request the transport refuses before any GraphQL runs, with its HTTP status and a stable <c>extensions.code</c>.</summary>
public sealed record TransportError(int StatusCode, string Code, string Message)
{
    public static TransportError InvalidJson(string detail) => new(StatusCodes.Status400BadRequest, "INVALID_JSON", $"The request body is not valid JSON: {detail}");

    public static TransportError InvalidRequest(string message) => new(StatusCodes.Status400BadRequest, "INVALID_REQUEST", message);

    /// <summary>Writes <c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("message", Message);
        writer.WriteStartObject("extensions");
        writer.WriteString("code", Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
