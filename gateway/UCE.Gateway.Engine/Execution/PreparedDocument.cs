using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Limits;

namespace UCE.Gateway.Engine.Execution;

/// <summary>A parsed document that passed validation (or the errors that stopped it), cached by its text or key, or pinned.</summary>
internal sealed class PreparedDocument
{
    private static readonly GraphQLDocument Empty = new([]);

    /// <param name="document">The parsed document.</param>
    /// <param name="pinned">Whether the engine holds it outside its bounded caches, its plans with it.</param>
    public PreparedDocument(GraphQLDocument document, bool pinned = false)
    {
        Document = document;
        if (pinned)
        {
            PinnedPlans = new ConcurrentDictionary<(GraphQLOperationDefinition, string), Planning.QueryPlan>();
        }

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
        if (!UsesConditionalDirectives(document))
        {
            ShapeCache = new ConcurrentDictionary<ResponseShaper.ShapeKey, ResponseShaper.FieldCollection>();
        }
    }

    private PreparedDocument(IReadOnlyList<JsonObject> errors)
        : this(Empty)
    {
        Errors = errors;
    }

    public GraphQLDocument Document { get; }

    public IReadOnlyDictionary<string, GraphQLFragmentDefinition> Fragments { get; }

    public IReadOnlyList<GraphQLOperationDefinition> Operations { get; }

    /// <summary>The document's lexical tokens (counted up to the highest token limit).</summary>
    public int Tokens { get; init; }

    /// <summary>Each operation's measure for the operation limits, taken with no variables.</summary>
    public IReadOnlyDictionary<GraphQLOperationDefinition, OperationMeasure> Measures => _measures;

    private readonly Dictionary<GraphQLOperationDefinition, OperationMeasure> _measures = [];

    /// <summary>Measures every operation of the document; returns a fragment that spreads itself, if any.</summary>
    public string? MeasureOperations(OperationMeasurer measurer)
    {
        foreach (var operation in Operations)
        {
            _measures[operation] = measurer.Measure(operation);
        }

        return measurer.CyclicFragment;
    }

    /// <summary>
    /// Field collections per selection and object type, reused by every request of this document; <c>null</c> when
    /// <c>@skip</c>/<c>@include</c> make the collections depend on variables.
    /// </summary>
    public ConcurrentDictionary<ResponseShaper.ShapeKey, ResponseShaper.FieldCollection>? ShapeCache { get; }

    /// <summary>The authorization filter's work for this document (created on first use).</summary>
    public Authorization.AuthorizationState Authorization => LazyInitializer.EnsureInitialized(ref _authorization);

    private Authorization.AuthorizationState? _authorization;

    /// <summary>
    /// A pinned document's plans, by operation and the selections authorization removed (empty when none); <c>null</c>
    /// for a document in the bounded cache, whose plans are in the engine's plan cache.
    /// </summary>
    public ConcurrentDictionary<(GraphQLOperationDefinition Operation, string Removed), Planning.QueryPlan>? PinnedPlans { get; }

    /// <summary>Parse or validation errors; <c>null</c> when the document can run.</summary>
    public IReadOnlyList<JsonObject>? Errors { get; }

    private static bool UsesConditionalDirectives(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            var selectionSet = definition switch
            {
                GraphQLOperationDefinition operation => operation.SelectionSet,
                GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                _ => null,
            };
            if (selectionSet is not null && UsesConditionalDirectives(selectionSet))
            {
                return true;
            }
        }

        return false;
    }

    private static bool UsesConditionalDirectives(GraphQLSelectionSet selectionSet)
    {
        foreach (var selection in selectionSet.Selections)
        {
            var (directives, children) = selection switch
            {
                GraphQLField field => (field.Directives, field.SelectionSet),
                GraphQLInlineFragment inline => (inline.Directives, inline.SelectionSet),
                GraphQLFragmentSpread spread => (spread.Directives, null),
                _ => (null, null),
            };
            if (directives is not null)
            {
                foreach (var directive in directives.Items)
                {
                    if (directive.Name.StringValue is "skip" or "include")
                    {
                        return true;
                    }
                }
            }

            if (children is not null && UsesConditionalDirectives(children))
            {
                return true;
            }
        }

        return false;
    }

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
