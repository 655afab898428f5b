using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Engine;

/// <summary>A GraphQL response: <c>data</c>, <c>errors</c>, <c>extensions</c>.</summary>
public sealed class GatewayResponse
{
    private readonly ResponseObject? _shapedData;
    private JsonObject? _data;
    private byte[]? _utf8Json;

    public GatewayResponse()
    {
    }

    /// <summary>A response whose data was shaped by the executor; it is written without being copied into JSON nodes.</summary>
    internal GatewayResponse(ResponseObject? shapedData) => _shapedData = shapedData;

    /// <summary>
    /// False when the request failed before execution (parse, validation, variable coercion):
    /// the response then has no <c>data</c> entry at all, and GraphQL-over-HTTP answers 400
    /// for <c>application/graphql-response+json</c>.
    /// </summary>
    public bool IsRequestError { get; init; }

    /// <summary>The data, or <c>null</c> (written as <c>"data": null</c> unless <see cref="IsRequestError"/>).</summary>
    public JsonObject? Data
    {
        get => _data ??= _shapedData?.ToJsonObject();
        init => _data = value;
    }

    /// <summary>Errors, each with <c>message</c> and usually <c>path</c>, <c>locations</c>, <c>extensions.code</c>.</summary>
    public IReadOnlyList<JsonObject> Errors { get; init; } = [];

    public JsonObject? Extensions { get; init; }

    /// <summary>The name of the operation that ran (from its document), for metrics and logs; null when it has none or did not run.</summary>
    public string? OperationName { get; init; }

    /// <summary>
    /// Incremental delivery (<c>@defer</c>): whether more parts follow this one; <c>null</c> (not written) for a
    /// response that is not part of an incremental stream.
    /// </summary>
    public bool? HasNext { get; init; }

    /// <summary>For a subsequent part of an incremental stream: the deferred fragments it delivers (it has no <c>data</c>).</summary>
    public IReadOnlyList<IncrementalResult>? Incremental { get; init; }

    /// <summary>
    /// True when the answer depends on no caller: a query whose every selection the supergraph leaves open to anyone (no
    /// <c>@authenticated</c>, <c>@requiresScopes</c> or <c>@policy</c> on a field or type it selects), without introspection,
    /// errors or extensions. A host may let shared caches keep it. False for everything else, and always over a supergraph
    /// that declares no access rules at all, since nothing there tells public data from private.
    /// </summary>
    public bool IsPublic { get; init; }

    /// <summary>Writes <c>"data"</c>: the JSON form when there is one, else the shaped one, else null.</summary>
    internal static void WriteData(Utf8JsonWriter writer, JsonObject? json, ResponseObject? shaped)
    {
        writer.WritePropertyName("data");
        if (json is not null)
        {
            json.WriteTo(writer);
        }
        else if (shaped is not null)
        {
            shaped.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>A request error with one error carrying <paramref name="code"/>.</summary>
    public static GatewayResponse RequestError(string message, string code) => new()
    {
        IsRequestError = true,
        Errors =
        [
            new JsonObject
            {
                ["message"] = message,
                ["extensions"] = new JsonObject { ["code"] = code },
            },
        ],
    };

    /// <summary>
    /// The response as UTF-8 JSON, written once and kept: a subscription event shared by many subscribers is serialized
    /// once for all of them. Do not change the response after calling this.
    /// </summary>
    public ReadOnlyMemory<byte> ToUtf8Json()
    {
        if (Volatile.Read(ref _utf8Json) is { } written)
        {
            return written;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteTo(writer);
        }

        // Two threads may both write it; either copy is the same.
        var bytes = buffer.WrittenSpan.ToArray();
        Interlocked.CompareExchange(ref _utf8Json, bytes, null);
        return Volatile.Read(ref _utf8Json)!;
    }

    /// <summary>Writes the response as one JSON object: <c>errors</c> first when present, then <c>data</c>, then <c>extensions</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Incremental is not null)
        {
            writer.WriteBoolean("hasNext", HasNext ?? false);
            writer.WritePropertyName("incremental");
            writer.WriteStartArray();
            foreach (var item in Incremental)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }

        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors)
            {
                error.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        if (!IsRequestError)
        {
            WriteData(writer, _data, _shapedData);
        }

        if (Extensions is not null)
        {
            writer.WritePropertyName("extensions");
            Extensions.WriteTo(writer);
        }

        if (HasNext is { } hasNext)
        {
            writer.WriteBoolean("hasNext", hasNext);
        }

        writer.WriteEndObject();
    }
}

/// <summary>One deferred fragment delivered for one object: its data, where it goes, its label and its errors.</summary>
public sealed class IncrementalResult
{
    private readonly ResponseObject? _data;
    private readonly JsonObject? _json;

    internal IncrementalResult(ResponseObject? data, IReadOnlyList<object> path, string? label, IReadOnlyList<JsonObject> errors)
    {
        _data = data;
        Path = path;
        Label = label;
        Errors = errors;
    }

    /// <summary>A deferred fragment's result built by hand (another engine, tests).</summary>
    public IncrementalResult(JsonObject? data, IReadOnlyList<object> path, string? label = null, IReadOnlyList<JsonObject>? errors = null)
    {
        _json = data;
        Path = path;
        Label = label;
        Errors = errors ?? [];
    }

    /// <summary>The response path of the object the fragment's fields merge into (names and list indexes).</summary>
    public IReadOnlyList<object> Path { get; }

    public string? Label { get; }

    public IReadOnlyList<JsonObject> Errors { get; }

    /// <summary>The fragment's data as JSON (<c>null</c> when null propagation reached the fragment).</summary>
    public JsonObject? Data => _json ?? _data?.ToJsonObject();

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        GatewayResponse.WriteData(writer, _json, _data);

        writer.WritePropertyName("path");
        writer.WriteStartArray();
        foreach (var segment in Path)
        {
            if (segment is int index)
            {
                writer.WriteNumberValue(index);
            }
            else
            {
                writer.WriteStringValue((string)segment);
            }
        }

        writer.WriteEndArray();
        if (Label is not null)
        {
            writer.WriteString("label", Label);
        }

        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors)
            {
                error.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
