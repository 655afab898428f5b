using GraphQLParser;
using GraphQLParser.AST;
using UCE.Gateway.Engine;

namespace UCE.Gateway.Persisted;

/// <summary>
/// Checks every document of a manifest as the gateway would check it on arrival (<see cref="DocumentChecker"/>: parse,
/// validation against the API schema, operation limits, a plan), and that the operation name and type a manifest declares
/// are the document's. All reasons are listed, for every document, so that one run shows everything to fix.
/// </summary>
public sealed class PersistedManifestCheck(DocumentChecker checker)
{
    /// <summary>One line per problem (<c>Document &lt;id&gt; (&lt;name&gt;): CODE: message</c>); empty when every document passes.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(IEnumerable<PersistedDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new List<string>();
        foreach (var document in documents)
        {
            var label = document.Name is null ? $"Document {document.Id}" : $"Document {document.Id} ({document.Name})";
            var found = await checker.CheckAsync(document.Body, cancellationToken).ConfigureAwait(false);
            problems.AddRange(found.Select(problem => $"{label}: {problem}"));
            if (found.Count == 0 && Declared(document) is { } mismatch)
            {
                problems.Add($"{label}: MANIFEST_MISMATCH: {mismatch}");
            }
        }

        return problems;
    }

    // Runs on documents that parsed and validated; only the declared name and type are compared.
    private static string? Declared(PersistedDocument document)
    {
        if (document.Name is null && document.Type is null)
        {
            return null;
        }

        var operations = Parser.Parse(document.Body).Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = document.Name is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(candidate => candidate.Name?.StringValue == document.Name);
        if (operation is null)
        {
            return document.Name is null
                ? "the manifest gives a type but no name, and the document has several operations."
                : $"the manifest names operation {document.Name}, which the document does not contain.";
        }

        var type = operation.Operation.ToString().ToLowerInvariant();
        return document.Type is null || document.Type == type ? null : $"the manifest says {document.Type}, the document's operation is a {type}.";
    }
}
