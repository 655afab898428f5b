using System.Text.Json;
using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// A shaped response object. Values are <c>null</c>, <see cref="ResponseObject"/>, <c>object?[]</c> (lists),
/// <see cref="string"/>, <see cref="bool"/> or a <see cref="JsonNode"/> from a subgraph answer that is written as it is —
/// so leaves are never copied between the merged data and the response.
/// </summary>
internal sealed class ResponseObject
{
    private readonly string[] _names;
    private readonly object?[] _values;
    private int _count;

    public ResponseObject(int capacity)
    {
        _names = capacity == 0 ? [] : new string[capacity];
        _values = capacity == 0 ? [] : new object?[capacity];
    }

    public void Add(string name, object? value)
    {
        _names[_count] = name;
        _values[_count] = value;
        _count++;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _count; i++)
        {
            writer.WritePropertyName(_names[i]);
            WriteValue(writer, _values[i]);
        }

        writer.WriteEndObject();
    }

    public JsonObject ToJsonObject()
    {
        var result = new JsonObject();
        for (var i = 0; i < _count; i++)
        {
            result.Add(_names[i], ToJsonNode(_values[i]));
        }

        return result;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ResponseObject obj:
                obj.WriteTo(writer);
                break;
            case object?[] list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            default:
                throw new InvalidOperationException($"Unexpected response value {value.GetType().Name}.");
        }
    }

    private static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        ResponseObject obj => obj.ToJsonObject(),
        object?[] list => new JsonArray([.. list.Select(ToJsonNode)]),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        JsonNode node => node.DeepClone(),
        _ => throw new InvalidOperationException($"Unexpected response value {value.GetType().Name}."),
    };
}
