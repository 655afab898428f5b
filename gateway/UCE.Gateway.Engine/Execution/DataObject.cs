using System.Text.Json;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// A JSON object of fetched data, mutable so that later fetches merge into it. Values are <c>null</c>,
/// <see cref="DataObject"/>, <c>object?[]</c> (lists), <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, or a <see cref="System.Text.Json.Nodes.JsonNode"/> answered by introspection.
/// Lighter than <c>JsonObject</c>: no per-value wrapper objects and no dictionary for the few fields an object has.
/// </summary>
internal sealed class DataObject
{
    private string[] _names;
    private object?[] _values;
    private int _count;

    public DataObject(int capacity = 4)
    {
        _names = new string[capacity];
        _values = new object?[capacity];
    }

    public int Count => _count;

    public string NameAt(int index) => _names[index];

    public object? ValueAt(int index) => _values[index];

    public void SetValueAt(int index, object? value) => _values[index] = value;

    /// <summary>The <c>__typename</c> value, when it is a string.</summary>
    public string? Typename => TryGetValue("__typename", out var value) ? value as string : null;

    public bool TryGetValue(string name, out object? value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _values[index];
        return true;
    }

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>Sets the value of <paramref name="name"/>, appending it when the object does not have it yet.</summary>
    public void Set(string name, object? value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _values[index] = value;
            return;
        }

        Append(name, value);
    }

    /// <summary>Adds a field known not to be present yet (as read from a JSON object without duplicate names).</summary>
    public void Append(string name, object? value)
    {
        if (_count == _names.Length)
        {
            var capacity = Math.Max(4, _count * 2);
            Array.Resize(ref _names, capacity);
            Array.Resize(ref _values, capacity);
        }

        _names[_count] = name;
        _values[_count] = value;
        _count++;
    }

    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_names, index + 1, _names, index, _count - index);
        Array.Copy(_values, index + 1, _values, index, _count - index);
        _names[_count] = null!;
        _values[_count] = null;
        return true;
    }

    private int IndexOf(string name)
    {
        var names = _names;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A deep copy: objects and lists are copied, leaves are immutable and shared.</summary>
    public static object? Copy(object? value) => value switch
    {
        DataObject obj => obj.Copy(),
        object?[] list => CopyList(list),
        _ => value,
    };

    public DataObject Copy()
    {
        var copy = new DataObject(Math.Max(_count, 1));
        for (var i = 0; i < _count; i++)
        {
            copy.Append(_names[i], Copy(_values[i]));
        }

        return copy;
    }

    private static object?[] CopyList(object?[] list)
    {
        var copy = new object?[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            copy[i] = Copy(list[i]);
        }

        return copy;
    }

    /// <summary>Writes a data value as JSON.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case int integer:
                writer.WriteNumberValue(integer);
                break;
            case long big:
                writer.WriteNumberValue(big);
                break;
            case double real:
                writer.WriteNumberValue(real);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case DataObject obj:
                writer.WriteStartObject();
                for (var i = 0; i < obj._count; i++)
                {
                    writer.WritePropertyName(obj._names[i]);
                    Write(writer, obj._values[i]);
                }

                writer.WriteEndObject();
                break;
            case object?[] list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case System.Text.Json.Nodes.JsonNode node:
                node.WriteTo(writer);
                break;
            default:
                throw new InvalidOperationException($"Unexpected data value {value.GetType().Name}.");
        }
    }

    /// <summary>The kind of JSON value, for error messages.</summary>
    public static string KindOf(object? value) => value switch
    {
        null => "null",
        string => "a string",
        int or long or double => "a number",
        bool => "a Boolean",
        DataObject => "an object",
        object?[] => "a list",
        _ => "a value",
    };

    /// <summary>A data value as compact JSON text, for error messages.</summary>
    public static string ToJsonText(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
