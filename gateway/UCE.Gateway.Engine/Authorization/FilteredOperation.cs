using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Authorization;

/// <summary>
/// An operation with some selections removed, as a document to plan. A field or fragment whose selections are all
/// removed goes too (Apollo Router does the same); when nothing is left, <see cref="Document"/> is <c>null</c>.
/// </summary>
internal sealed class FilteredOperation
{
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly HashSet<object> _removedNodes;
    private readonly Dictionary<string, GraphQLFragmentDefinition?> _filteredFragments = new(StringComparer.Ordinal);
    private readonly HashSet<object> _removedFields = new(ReferenceEqualityComparer.Instance);

    private FilteredOperation(IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, HashSet<object> removedNodes)
    {
        _fragments = fragments;
        _removedNodes = removedNodes;
    }

    public GraphQLDocument? Document { get; private set; }

    public IReadOnlySet<object> RemovedFields => _removedFields;

    public static FilteredOperation Build(GraphQLOperationDefinition operation, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, HashSet<object> removedNodes)
    {
        var filtered = new FilteredOperation(fragments, removedNodes);
        var selectionSet = filtered.Filter(operation.SelectionSet);
        if (selectionSet is not null)
        {
            var copy = new GraphQLOperationDefinition(selectionSet)
            {
                Operation = operation.Operation,
                Name = operation.Name,
                Variables = operation.Variables,
                Directives = operation.Directives,
                Location = operation.Location,
            };
            var definitions = new List<ASTNode> { copy };
            definitions.AddRange(filtered._filteredFragments.Values.Where(f => f is not null)!);
            filtered.Document = new GraphQLDocument(definitions);
        }

        return filtered;
    }

    private GraphQLSelectionSet? Filter(GraphQLSelectionSet selectionSet)
    {
        List<ASTNode>? kept = null;
        for (var i = 0; i < selectionSet.Selections.Count; i++)
        {
            var selection = selectionSet.Selections[i];
            var replacement = _removedNodes.Contains(selection) ? Remove(selection) : Filter(selection);
            if (ReferenceEquals(replacement, selection) && kept is null)
            {
                continue;
            }

            kept ??= [.. selectionSet.Selections.Take(i)];
            if (replacement is not null)
            {
                kept.Add(replacement);
            }
        }

        if (kept is null)
        {
            return selectionSet;
        }

        return kept.Count == 0 ? null : new GraphQLSelectionSet(kept) { Location = selectionSet.Location };
    }

    private ASTNode? Filter(ASTNode selection)
    {
        switch (selection)
        {
            case GraphQLField { SelectionSet: { } children } field:
                {
                    var filtered = Filter(children);
                    if (ReferenceEquals(filtered, children))
                    {
                        return field;
                    }

                    if (filtered is null)
                    {
                        _removedFields.Add(field);
                        return null;
                    }

                    return new GraphQLField(field.Name)
                    {
                        Alias = field.Alias,
                        Arguments = field.Arguments,
                        Directives = field.Directives,
                        SelectionSet = filtered,
                        Location = field.Location,
                    };
                }

            case GraphQLInlineFragment inline:
                {
                    var filtered = Filter(inline.SelectionSet);
                    if (ReferenceEquals(filtered, inline.SelectionSet))
                    {
                        return inline;
                    }

                    return filtered is null ? null : new GraphQLInlineFragment(filtered)
                    {
                        TypeCondition = inline.TypeCondition,
                        Directives = inline.Directives,
                        Location = inline.Location,
                    };
                }

            case GraphQLFragmentSpread spread:
                {
                    var name = spread.FragmentName.Name.StringValue;
                    if (!_filteredFragments.TryGetValue(name, out var fragment))
                    {
                        if (!_fragments.TryGetValue(name, out var original))
                        {
                            return spread;
                        }

                        _filteredFragments[name] = null;
                        var filtered = Filter(original.SelectionSet);
                        fragment = filtered is null ? null : ReferenceEquals(filtered, original.SelectionSet) ? original
                            : new GraphQLFragmentDefinition(original.FragmentName, original.TypeCondition, filtered) { Directives = original.Directives, Location = original.Location };
                        _filteredFragments[name] = fragment;
                    }

                    return fragment is null ? null : spread;
                }

            default:
                return selection;
        }
    }

    private ASTNode? Remove(ASTNode selection)
    {
        // Every field below a removed selection is left out too: their nulls are explained by the removal.
        switch (selection)
        {
            case GraphQLField field:
                _removedFields.Add(field);
                if (field.SelectionSet is not null)
                {
                    MarkRemoved(field.SelectionSet, []);
                }

                break;
            case GraphQLInlineFragment inline:
                MarkRemoved(inline.SelectionSet, []);
                break;
            case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                MarkRemoved(fragment.SelectionSet, []);
                break;
        }

        return null;
    }

    private void MarkRemoved(GraphQLSelectionSet selectionSet, HashSet<string> spreading)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    _removedFields.Add(field);
                    if (field.SelectionSet is not null)
                    {
                        MarkRemoved(field.SelectionSet, spreading);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    MarkRemoved(inline.SelectionSet, spreading);
                    break;
                case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && spreading.Add(fragment.FragmentName.Name.StringValue):
                    MarkRemoved(fragment.SelectionSet, spreading);
                    spreading.Remove(fragment.FragmentName.Name.StringValue);
                    break;
            }
        }
    }
}
