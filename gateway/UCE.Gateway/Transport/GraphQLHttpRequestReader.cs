using System.Buffers;
using System.Text.Json;

namespace UCE.Gateway.Transport;

/// <summary>Reads GraphQL-over-HTTP requests: a <c>POST</c> JSON body (one request or a batch) or <c>GET</c> query parameters.</summary>
public static class GraphQLHttpRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Reads and checks a POST body of at most <paramref name="maxBodyBytes"/> bytes holding one request or at most <paramref name="maxBatchSize"/>.</summary>
    public static async Task<(GraphQLHttpRequestBatch? Batch, TransportError? Error)> ReadPostAsync(
        HttpRequest request, long maxBodyBytes, int maxBatchSize, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > maxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return (null, TooLarge(maxBodyBytes));
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                // The parsed document points into its buffer for as long as the request runs, so the
                // body is copied out of the pipe into a pooled buffer the batch returns when disposed.
                var length = (int)read.Buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                read.Buffer.CopyTo(rented);
                reader.AdvanceTo(read.Buffer.End);
                var (batch, error) = Parse(rented.AsMemory(0, length), rented, maxBatchSize);
                if (batch is null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                return (batch, error);
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>The names a persisted document's id goes by: GraphQL over HTTP's <c>documentId</c>, and Relay's <c>doc_id</c> and <c>id</c>.</summary>
    internal static readonly string[] DocumentIdNames = ["documentId", "doc_id", "id"];

    /// <summary>
    /// Reads <c>query</c>, <c>operationName</c>, <c>variables</c> and <c>extensions</c> from a GET request's query string, or a
    /// persisted document's id instead of <c>query</c>.
    /// </summary>
    public static (GraphQLHttpRequestBatch? Batch, TransportError? Error) ReadGet(IQueryCollection query)
    {
        var documents = new List<JsonDocument>(2);
        try
        {
            string? documentId = null;
            TransportError? error = null;
            foreach (var name in DocumentIdNames)
            {
                if (!SingleValue(query, name, out var id, out error) || !OneDocumentId(ref documentId, id, out error))
                {
                    break;
                }
            }

            if (error is not null
                || !SingleValue(query, "query", out var document, out error)
                || !SingleValue(query, "operationName", out var operationName, out error)
                || !JsonParameter(query, "variables", documents, out var variables, out error)
                || !JsonParameter(query, "extensions", documents, out var extensions, out error))
            {
                Dispose(documents);
                return (null, error);
            }

            if (document is null && extensions is null && documentId is null)
            {
                Dispose(documents);
                return (null, TransportError.InvalidRequest("The query parameter 'query' (or a persisted document's 'documentId') is required."));
            }

            var operation = new GraphQLHttpRequest(document, operationName, variables, extensions, documentId);
            return (new GraphQLHttpRequestBatch([operation], isBatch: false, documents), null);
        }
        catch
        {
            Dispose(documents);
            throw;
        }
    }

    private static (GraphQLHttpRequestBatch?, TransportError?) Parse(ReadOnlyMemory<byte> body, byte[] rented, int maxBatchSize)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return (null, TransportError.InvalidJson(exception.Message));
        }

        var root = document.RootElement;
        TransportError? error;
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryReadOperation(root, out var single, out error))
                {
                    return (new GraphQLHttpRequestBatch([single!], isBatch: false, [document], rented), null);
                }

                break;
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count == 0)
                {
                    error = TransportError.InvalidRequest("A batched request must hold at least one operation.");
                    break;
                }

                if (count > maxBatchSize)
                {
                    error = new TransportError(StatusCodes.Status400BadRequest, "BATCH_TOO_LARGE", $"A batched request may hold at most {maxBatchSize} operations; this one holds {count}.");
                    break;
                }

                var operations = new GraphQLHttpRequest[count];
                var index = 0;
                error = null;
                foreach (var element in root.EnumerateArray())
                {
                    if (!TryReadOperation(element, out var operation, out error))
                    {
                        error = error! with { Message = $"Batch entry {index}: {error.Message}" };
                        break;
                    }

                    operations[index++] = operation!;
                }

                if (error is null)
                {
                    return (new GraphQLHttpRequestBatch(operations, isBatch: true, [document], rented), null);
                }

                break;
            default:
                error = TransportError.InvalidRequest("The request body must be a JSON object (or an array of them for a batch).");
                break;
        }

        document.Dispose();
        return (null, error);
    }

    internal static bool TryReadOperation(JsonElement element, out GraphQLHttpRequest? operation, out TransportError? error)
    {
        operation = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = TransportError.InvalidRequest("A request must be a JSON object.");
            return false;
        }

        string? query = null;
        string? operationName = null;
        string? documentId = null;
        JsonElement? variables = null;
        JsonElement? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "documentId" or "doc_id" or "id":
                    if (!OptionalString(value, property.Name, out var id, out error) || !OneDocumentId(ref documentId, id, out error))
                    {
                        return false;
                    }

                    break;
                case "query":
                    if (!OptionalString(value, "query", out query, out error))
                    {
                        return false;
                    }

                    break;
                case "operationName":
                    if (!OptionalString(value, "operationName", out operationName, out error))
                    {
                        return false;
                    }

                    break;
                case "variables":
                    if (!OptionalObject(value, "variables", out variables, out error))
                    {
                        return false;
                    }

                    break;
                case "extensions":
                    if (!OptionalObject(value, "extensions", out extensions, out error))
                    {
                        return false;
                    }

                    break;
            }
        }

        // Without a document only a persisted document's id, or a reference in extensions, can name the operation.
        if (query is null && extensions is null && documentId is null)
        {
            error = TransportError.InvalidRequest("The request's 'query' (or a persisted document's 'documentId') is required.");
            return false;
        }

        operation = new GraphQLHttpRequest(query, operationName, variables, extensions, documentId);
        error = null;
        return true;
    }

    private static bool OptionalString(JsonElement value, string name, out string? text, out TransportError? error)
    {
        text = null;
        error = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString();
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                error = TransportError.InvalidRequest($"The request's '{name}' must be a string.");
                return false;
        }
    }

    private static bool OptionalObject(JsonElement value, string name, out JsonElement? json, out TransportError? error)
    {
        json = null;
        error = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                json = value;
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                error = TransportError.InvalidRequest($"The request's '{name}' must be an object.");
                return false;
        }
    }

    private static bool SingleValue(IQueryCollection query, string name, out string? value, out TransportError? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = TransportError.InvalidRequest($"The query parameter '{name}' may appear only once.");
            return false;
        }

        value = string.IsNullOrEmpty(values[0]) ? null : values[0];
        return true;
    }

    private static bool JsonParameter(IQueryCollection query, string name, List<JsonDocument> documents, out JsonElement? json, out TransportError? error)
    {
        json = null;
        if (!SingleValue(query, name, out var text, out error) || text is null)
        {
            return error is null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException exception)
        {
            error = TransportError.InvalidRequest($"The query parameter '{name}' is not valid JSON: {exception.Message}");
            return false;
        }

        documents.Add(document);
        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = TransportError.InvalidRequest($"The query parameter '{name}' must be a JSON object.");
            return false;
        }

        json = document.RootElement;
        return true;
    }

    /// <summary>Keeps the first id given; a request that names two different ids is refused.</summary>
    private static bool OneDocumentId(ref string? documentId, string? id, out TransportError? error)
    {
        error = null;
        if (string.IsNullOrEmpty(id))
        {
            return true;
        }

        if (documentId is not null && documentId != id)
        {
            error = TransportError.InvalidRequest("The request names two different persisted documents.");
            return false;
        }

        documentId = id;
        return true;
    }

    private static TransportError TooLarge(long maxBodyBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request body exceeds {maxBodyBytes} bytes.");

    private static void Dispose(List<JsonDocument> documents)
    {
        foreach (var document in documents)
        {
            document.Dispose();
        }
    }
}
