using System.Text.Json;

namespace UCE.Gateway.Persisted;

/// <summary>
/// A client's trusted documents as a manifest file holds them, in either of two formats: Apollo's persisted-query manifest
/// (<c>{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}</c>) or Relay's
/// map of id to document (<c>{"&lt;id&gt;":"&lt;document&gt;"}</c>). An id left out is <c>sha256:&lt;hex&gt;</c> of the body; an id
/// that looks like a SHA-256 must be the body's.
/// </summary>
public sealed class PersistedManifest
{
    /// <summary>The <c>format</c> of Apollo's persisted-query manifest.</summary>
    public const string ApolloFormat = "apollo-persisted-query-manifest";

    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    private static readonly JsonWriterOptions WriteOptions = new() { Indented = true };

    public PersistedManifest(IReadOnlyList<PersistedDocument> documents)
    {
        Documents = documents;
    }

    public IReadOnlyList<PersistedDocument> Documents { get; }

    /// <summary>Reads a manifest of either format; the problems list every entry that is wrong, and the manifest is <c>null</c> when there is any.</summary>
    public static (PersistedManifest? Manifest, IReadOnlyList<string> Problems) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException exception)
        {
            return (null, [$"The manifest is not valid JSON: {exception.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ["A manifest is a JSON object: Apollo's persisted-query manifest or Relay's map of id to document."]);
            }

            var problems = new List<string>();
            var documents = root.TryGetProperty("format", out _) ? ReadApollo(root, problems) : ReadRelay(root, problems);
            var seen = new Dictionary<string, PersistedDocument>(StringComparer.Ordinal);
            foreach (var entry in documents)
            {
                if (seen.TryGetValue(entry.Id, out var earlier))
                {
                    if (earlier.Body != entry.Body)
                    {
                        problems.Add($"Document {entry.Id}: the id is given twice, with different documents.");
                    }

                    continue;
                }

                seen[entry.Id] = entry;
            }

            return problems.Count > 0 ? (null, problems) : (new PersistedManifest([.. seen.Values]), []);
        }
    }

    /// <summary>The manifest in Apollo's format, indented, ids and names as they are.</summary>
    public string ToApolloJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", ApolloFormat);
            writer.WriteNumber("version", 1);
            writer.WriteStartArray("operations");
            foreach (var document in Documents)
            {
                writer.WriteStartObject();
                writer.WriteString("id", document.Id);
                if (document.Name is not null)
                {
                    writer.WriteString("name", document.Name);
                }

                if (document.Type is not null)
                {
                    writer.WriteString("type", document.Type);
                }

                writer.WriteString("body", document.Body);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static List<PersistedDocument> ReadApollo(JsonElement root, List<string> problems)
    {
        var documents = new List<PersistedDocument>();
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != ApolloFormat)
        {
            problems.Add($"\"format\" must be \"{ApolloFormat}\".");
            return documents;
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != 1)
        {
            problems.Add("\"version\" must be 1.");
            return documents;
        }

        if (!root.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"operations\" must be an array.");
            return documents;
        }

        var index = 0;
        foreach (var operation in operations.EnumerateArray())
        {
            var where = $"operations[{index++}]";
            if (operation.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: an operation is an object with \"id\", \"name\", \"type\" and \"body\".");
                continue;
            }

            var body = Text(operation, "body", where, problems, required: true);
            var id = Text(operation, "id", where, problems, required: false);
            var name = Text(operation, "name", where, problems, required: false);
            var type = Text(operation, "type", where, problems, required: false);
            if (type is not null and not ("query" or "mutation" or "subscription"))
            {
                problems.Add($"{where}: \"type\" must be query, mutation or subscription, not \"{type}\".");
                continue;
            }

            if (body is not null && Checked(id, body, id ?? where, problems) is { } document)
            {
                documents.Add(new PersistedDocument(document.Id, body, name, type));
            }
        }

        return documents;
    }

    private static List<PersistedDocument> ReadRelay(JsonElement root, List<string> problems)
    {
        var documents = new List<PersistedDocument>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || property.Name.Length == 0)
            {
                problems.Add($"\"{property.Name}\": a Relay manifest maps each non-empty id to its document as a string.");
                continue;
            }

            if (Checked(property.Name, property.Value.GetString()!, property.Name, problems) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    /// <summary>The document, unless its id claims a SHA-256 the body does not have.</summary>
    private static PersistedDocument? Checked(string? id, string body, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add($"{where}: the document is empty.");
            return null;
        }

        var document = new PersistedDocument(id, body);
        if (id is not null && PersistedDocument.ClaimedSha256(id) is { } claimed && claimed != document.Sha256)
        {
            problems.Add($"{where}: the id is a SHA-256 but not the document's ({document.ContentHash}).");
            return null;
        }

        return document;
    }

    private static string? Text(JsonElement operation, string name, string where, List<string> problems, bool required)
    {
        if (!operation.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"{where}: \"{name}\" is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{where}: \"{name}\" must be a string.");
            return null;
        }

        return value.GetString();
    }
}
