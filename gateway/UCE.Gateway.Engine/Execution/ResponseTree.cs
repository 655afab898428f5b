using System.Text.Json;
using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// A shaped response object. Values are <c>null</c>, <see cref="ResponseObject"/>, <c>object?[]</c> (lists), or leaves
/// of the merged data (see <see cref="DataObject"/>), which are immutable and therefore shared, never copied.
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
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = DocumentDepth.MaxResponse }))
        {
            WriteTo(writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan, documentOptions: new JsonDocumentOptions { MaxDepth = DocumentDepth.MaxResponse })!.AsObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
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
            default:
                DataObject.Write(writer, value);
                break;
        }
    }
}
