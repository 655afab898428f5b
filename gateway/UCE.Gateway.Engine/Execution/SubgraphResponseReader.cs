using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Reads a subgraph's GraphQL response straight from its UTF-8 bytes: <c>data</c> into a <see cref="DataObject"/> tree,
/// <c>errors</c> into JSON nodes (rare, and re-pathed one by one).
/// </summary>
internal static class SubgraphResponseReader
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    /// <summary>The parsed answer, or <c>null</c> when the body is not JSON or not a GraphQL response.</summary>
    public static ParsedResponse? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = DocumentDepth.MaxResponse });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var names = new NameTable();
            DataObject? data = null;
            JsonArray? errors = null;
            var hasData = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    hasData = true;
                    reader.Read();
                    data = ReadValue(ref reader, names) as DataObject;
                }
                else if (reader.ValueTextEquals("errors"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    errors = JsonNode.Parse(body[start..(int)reader.BytesConsumed]) as JsonArray;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return hasData || errors is not null ? new ParsedResponse(data, errors) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader, NameTable names)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new DataObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = names.Get(ref reader);
                    reader.Read();
                    obj.Set(name, ReadValue(ref reader, names));
                }

                return obj;
            case JsonTokenType.StartArray:
                // One scratch list per nesting depth, reused for every list at that depth; only the exact-size array is kept.
                var depth = reader.CurrentDepth;
                var items = names.ListAt(depth);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, names));
                }

                var array = items.Count == 0 ? [] : items.ToArray();
                items.Clear();
                return array;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var integer))
                {
                    return integer is >= -1 and < 1024 ? SmallIntegers[integer + 1] : integer;
                }

                return reader.TryGetInt64(out var big) ? big : reader.GetDouble();
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            default:
                return null;
        }
    }

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[1025];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i - 1;
        }

        return boxes;
    }

    /// <summary>
    /// Per-response reading state: property names seen (each distinct name becomes one string, however often it occurs)
    /// and scratch lists.
    /// </summary>
    private sealed class NameTable
    {
        private readonly List<(byte[] Utf8, string Name)> _names = new(16);
        private readonly List<List<object?>> _lists = [];

        public List<object?> ListAt(int depth)
        {
            while (_lists.Count <= depth)
            {
                _lists.Add(new List<object?>(16));
            }

            return _lists[depth];
        }

        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.HasValueSequence || reader.ValueIsEscaped)
            {
                return reader.GetString()!;
            }

            var span = reader.ValueSpan;
            foreach (var (utf8, name) in _names)
            {
                if (span.SequenceEqual(utf8))
                {
                    return name;
                }
            }

            var text = Encoding.UTF8.GetString(span);
            if (_names.Count < 256)
            {
                _names.Add((span.ToArray(), text));
            }

            return text;
        }
    }
}

/// <summary>A subgraph's answer: its data (when an object) and its errors (when any).</summary>
internal sealed record ParsedResponse(DataObject? Data, JsonArray? Errors);
