using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>A selection of the client operation with named fragments replaced by inline ones.</summary>
internal abstract record ClientSelection;

/// <summary>A field as the client (or the planner, for keys and requirements) selected it.</summary>
internal sealed record ClientField(
    string? Alias,
    string Name,
    GraphQLArguments? Arguments,
    GraphQLDirectives? Directives,
    IReadOnlyList<ClientSelection>? Children,
    bool AddedByPlanner) : ClientSelection
{
    public string ResponseName => Alias ?? Name;
}

/// <summary>An inline fragment (or an inlined named fragment spread).</summary>
internal sealed record ClientFragment(string? TypeCondition, GraphQLDirectives? Directives, IReadOnlyList<ClientSelection> Children) : ClientSelection
{
    /// <summary>The fragment's selections as the client wrote them (a deferred fragment is shaped from them).</summary>
    public GraphQLSelectionSet? Source { get; init; }
}

/// <summary>Turns operation and field-set syntax into <see cref="ClientSelection"/> trees.</summary>
internal static class ClientSelections
{
    public static IReadOnlyList<ClientSelection> FromOperation(GraphQLSelectionSet selectionSet, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments) =>
        Convert(selectionSet, fragments, false, []);

    /// <summary>A <c>@key</c>/<c>@requires</c> field set, marked as added by the planner.</summary>
    public static IReadOnlyList<ClientSelection> FromFieldSet(GraphQLSelectionSet selectionSet) =>
        Convert(selectionSet, new Dictionary<string, GraphQLFragmentDefinition>(), true, []);

    private static List<ClientSelection> Convert(
        GraphQLSelectionSet selectionSet,
        IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        bool byPlanner,
        HashSet<string> expanding)
    {
        var result = new List<ClientSelection>(selectionSet.Selections.Count);
        foreach (var selection in selectionSet.Selections)
        {
            if (PlanCondition.ExcludesLiterally((selection as IHasDirectivesNode)?.Directives))
            {
                // @skip(if: true) and @include(if: false) leave the selection out of the operation.
                continue;
            }

            switch (selection)
            {
                case GraphQLField field:
                    result.Add(new ClientField(
                        field.Alias?.Name.StringValue,
                        field.Name.StringValue,
                        field.Arguments,
                        field.Directives,
                        field.SelectionSet is null ? null : Convert(field.SelectionSet, fragments, byPlanner, expanding),
                        byPlanner));
                    break;
                case GraphQLInlineFragment inline:
                    result.Add(new ClientFragment(
                        inline.TypeCondition?.Type.Name.StringValue,
                        inline.Directives,
                        Convert(inline.SelectionSet, fragments, byPlanner, expanding))
                    {
                        Source = inline.SelectionSet,
                    });
                    break;
                case GraphQLFragmentSpread spread:
                    {
                        var name = spread.FragmentName.Name.StringValue;
                        if (!fragments.TryGetValue(name, out var definition))
                        {
                            throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Unknown fragment '{name}'.");
                        }

                        if (!expanding.Add(name))
                        {
                            throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Fragment '{name}' spreads itself.");
                        }

                        result.Add(new ClientFragment(
                            definition.TypeCondition.Type.Name.StringValue,
                            spread.Directives,
                            Convert(definition.SelectionSet, fragments, byPlanner, expanding))
                        {
                            Source = definition.SelectionSet,
                        });
                        expanding.Remove(name);
                        break;
                    }
            }
        }

        return result;
    }
}
