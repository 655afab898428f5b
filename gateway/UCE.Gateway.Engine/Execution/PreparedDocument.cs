using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Execution;

/// <summary>A parsed document that passed validation (or the errors that stopped it), cached by its text.</summary>
internal sealed class PreparedDocument
{
    private static readonly GraphQLDocument Empty = new([]);

    public PreparedDocument(GraphQLDocument document)
    {
        Document = document;
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        var operations = new List<GraphQLOperationDefinition>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLFragmentDefinition fragment:
                    fragments[fragment.FragmentName.Name.StringValue] = fragment;
                    break;
                case GraphQLOperationDefinition operation:
                    operations.Add(operation);
                    break;
            }
        }

        Fragments = fragments;
        Operations = operations;
    }

    private PreparedDocument(IReadOnlyList<JsonObject> errors)
        : this(Empty)
    {
        Errors = errors;
    }

    public GraphQLDocument Document { get; }

    public IReadOnlyDictionary<string, GraphQLFragmentDefinition> Fragments { get; }

    public IReadOnlyList<GraphQLOperationDefinition> Operations { get; }

    /// <summary>Parse or validation errors; <c>null</c> when the document can run.</summary>
    public IReadOnlyList<JsonObject>? Errors { get; }

    public static PreparedDocument Failed(IReadOnlyList<JsonObject> errors) => new(errors);

    /// <summary>The operation to run: the named one, or the only one when no name is given.</summary>
    public GraphQLOperationDefinition? FindOperation(string? name, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(name))
        {
            if (Operations.Count == 1)
            {
                return Operations[0];
            }

            error = Operations.Count == 0
                ? "The document contains no operation."
                : "Must provide operation name if query contains multiple operations.";
            return null;
        }

        foreach (var operation in Operations)
        {
            if (operation.Name is not null && operation.Name.StringValue == name)
            {
                return operation;
            }
        }

        error = $"Unknown operation named \"{name}\".";
        return null;
    }
}
