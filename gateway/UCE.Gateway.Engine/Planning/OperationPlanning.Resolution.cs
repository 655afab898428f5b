using GraphQLParser.AST;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Planning;

/// <summary>Which subgraph can resolve what, from the join metadata.</summary>
internal sealed partial class OperationPlanning
{
    /// <summary>True when <paramref name="graph"/> resolves the field in place, inside a fetch already running there.</summary>
    private bool CanResolveLocally(string graph, string typeName, string fieldName, GraphQLSelectionSet? provided)
    {
        var type = _supergraph.Type(typeName);
        if (type is null || !type.ExistsIn(graph))
        {
            return false;
        }

        if (fieldName == "__typename")
        {
            return !(type.Kind == SupergraphTypeKind.Interface && type.IsInterfaceObjectIn(graph));
        }

        var field = type.Field(fieldName);
        if (field is null)
        {
            return false;
        }

        // Join v0.1 (Federation 1) records no external fields, so a provided field may have no @join__field for this graph.
        if (field.JoinFields.Count == 0)
        {
            return type.OwnerGraph is null || type.OwnerGraph == graph || IsKeyField(type, graph, fieldName) || ProvidedContains(provided, typeName, fieldName);
        }

        var joinField = JoinFieldIn(graph, field);
        if (joinField is null)
        {
            return IsKeyField(type, graph, fieldName) || ProvidedContains(provided, typeName, fieldName);
        }

        if (IsOverriddenAway(joinField) || joinField.Requires is not null || joinField.ContextArguments.Count > 0)
        {
            // Requirements and @fromContext values reach the subgraph only through a representation's entity fetch.
            return false;
        }

        if (joinField.External)
        {
            // An external key field is known to this subgraph only from a representation it was given, never when it
            // returns the object itself.
            return ProvidedContains(provided, typeName, fieldName);
        }

        return true;
    }

    /// <summary>True when <paramref name="graph"/> resolves the field on an entity it is given (its <c>@requires</c> met by the representation).</summary>
    private bool CanResolveInEntity(string graph, string typeName, string fieldName)
    {
        var type = _supergraph.Type(typeName);
        if (type is null || !type.ExistsIn(graph))
        {
            return false;
        }

        if (fieldName == "__typename")
        {
            return !(type.Kind == SupergraphTypeKind.Interface && type.IsInterfaceObjectIn(graph));
        }

        var field = type.Field(fieldName);
        if (field is null)
        {
            return false;
        }

        if (field.JoinFields.Count == 0)
        {
            return type.OwnerGraph is null || type.OwnerGraph == graph || IsKeyField(type, graph, fieldName);
        }

        var joinField = JoinFieldIn(graph, field);
        if (joinField is null)
        {
            return IsKeyField(type, graph, fieldName);
        }

        return !IsOverriddenAway(joinField) && (!joinField.External || IsKeyField(type, graph, fieldName));
    }

    /// <summary>
    /// A field this subgraph must not be asked for: given up to an <c>@override</c> (<c>usedOverridden</c>), or
    /// taken over through a progressive override label. Labels are off unless enabled per request, as in Apollo
    /// Gateway, and the gateway enables none, so the labelled field stays in the subgraph it comes from.
    /// </summary>
    private static bool IsOverriddenAway(FieldInGraph joinField) =>
        joinField.UsedOverridden || (joinField.OverrideLabel is not null && joinField.OverrideFrom is not null);

    private static FieldInGraph? JoinFieldIn(string graph, SupergraphField field)
    {
        foreach (var joinField in field.JoinFields)
        {
            if (joinField.Graph == graph)
            {
                return joinField;
            }
        }

        return null;
    }

    private static bool IsKeyField(SupergraphType type, string graph, string fieldName) =>
        type.InGraph(graph) is { } inGraph
        && inGraph.Keys.Any(k => k.TopLevelFields.Contains(fieldName));

    private static bool IsAbstractIn(string graph, SupergraphType type) =>
        type.IsAbstract && !type.IsInterfaceObjectIn(graph);

    private bool IsSubtypeOrSame(string typeName, string condition)
    {
        if (typeName == condition || _supergraph.Satisfies(typeName, condition))
        {
            return true;
        }

        return _supergraph.Type(typeName) is { } type && type.Interfaces.Contains(condition);
    }

    private bool ProvidedContains(GraphQLSelectionSet? provided, string typeName, string fieldName) =>
        provided is not null && ProvidedField(provided, typeName, fieldName, out _);

    private GraphQLSelectionSet? ChildProvided(GraphQLSelectionSet? provided, string typeName, string fieldName) =>
        provided is not null && ProvidedField(provided, typeName, fieldName, out var children) ? children : null;

    private bool ProvidedField(GraphQLSelectionSet provided, string typeName, string fieldName, out GraphQLSelectionSet? children)
    {
        foreach (var selection in provided.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when field.Name.StringValue == fieldName:
                    children = field.SelectionSet;
                    return true;
                case GraphQLInlineFragment fragment when fragment.TypeCondition is null || IsSubtypeOrSame(typeName, fragment.TypeCondition.Type.Name.StringValue):
                    if (ProvidedField(fragment.SelectionSet, typeName, fieldName, out children))
                    {
                        return true;
                    }

                    break;
            }
        }

        children = null;
        return false;
    }

    /// <summary>True when <paramref name="graph"/> can produce every field of a key or requirement in place.</summary>
    private bool CanProvide(string graph, string typeName, GraphQLSelectionSet selections, GraphQLSelectionSet? provided)
    {
        foreach (var selection in selections.Selections)
        {
            if (selection is not GraphQLField field)
            {
                continue;
            }

            var name = field.Name.StringValue;
            if (!CanResolveLocally(graph, typeName, name, provided))
            {
                return false;
            }

            if (field.SelectionSet is not null && _supergraph.Type(typeName)?.Field(name) is { } definition
                && !CanProvide(graph, definition.NamedType, field.SelectionSet, ChildProvided(provided, typeName, name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many of the selected fields <paramref name="graph"/> resolves directly on <paramref name="typeName"/> (a cheap proxy for fewer fetches).</summary>
    private int LocalScore(string graph, string typeName, IReadOnlyList<ClientSelection>? selections)
    {
        if (selections is null)
        {
            return 0;
        }

        var score = 0;
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case ClientField field when field.Name != "__typename":
                    if (CanResolveLocally(graph, typeName, field.Name, null))
                    {
                        score += 1;
                        if (field.Children is not null && _supergraph.Type(typeName)?.Field(field.Name) is { } definition)
                        {
                            score += LocalScore(graph, definition.NamedType, field.Children);
                        }
                    }

                    break;
                case ClientFragment fragment:
                    score += LocalScore(graph, fragment.TypeCondition ?? typeName, fragment.Children);
                    break;
            }
        }

        return score;
    }

    /// <summary>Response names the client uses at one level, with the field (and arguments) each stands for.</summary>
    private static Dictionary<string, string> ReservedNames(IReadOnlyList<ClientSelection> selections)
    {
        var reserved = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(selections);
        return reserved;

        void Collect(IReadOnlyList<ClientSelection> items)
        {
            foreach (var item in items)
            {
                switch (item)
                {
                    case ClientField { AddedByPlanner: false } field:
                        reserved.TryAdd(field.ResponseName, SubgraphField.SignatureOf(field.Name, field.Arguments, null));
                        break;
                    case ClientFragment fragment:
                        Collect(fragment.Children);
                        break;
                }
            }
        }
    }

    /// <summary>The alias for a field the planner adds, when the client already uses its name for something else.</summary>
    private static string? PlannerAlias(IReadOnlyDictionary<string, string> reserved, string fieldName) =>
        reserved.TryGetValue(fieldName, out var signature) && signature != fieldName ? PlannerAliasPrefix + fieldName : null;

    /// <summary>The representation shape of a key or requirement field set, reading aliased fields where the planner had to alias them.</summary>
    private List<InputSelection> InputsFor(GraphQLSelectionSet selections, IReadOnlyDictionary<string, string> reserved)
    {
        var inputs = new List<InputSelection>();
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    {
                        var name = field.Name.StringValue;
                        var responseName = PlannerAlias(reserved, name) ?? name;
                        inputs.Add(new InputField(name, responseName, field.SelectionSet is null ? null : InputsFor(field.SelectionSet, NoReservedNames)));
                        break;
                    }

                case GraphQLInlineFragment fragment when fragment.TypeCondition is not null:
                    inputs.Add(new InputFragment(fragment.TypeCondition.Type.Name.StringValue, InputsFor(fragment.SelectionSet, NoReservedNames)));
                    break;
            }
        }

        return inputs;
    }

    /// <summary>
    /// <c>@skip</c>, <c>@include</c> (with a variable: literal ones are decided here) and the supergraph's custom
    /// executable directives travel to subgraphs; others (<c>@defer</c>, directives the gateway alone knows) do not.
    /// </summary>
    private GraphQLDirectives? ForwardedDirectives(GraphQLDirectives? directives)
    {
        if (directives is null || directives.Items.Count == 0)
        {
            return null;
        }

        var kept = directives.Items.Where(d => (d.Name.StringValue is "skip" or "include" && !PlanCondition.IsLiteral(d))
            || _supergraph.ExecutableDirectives.Contains(d.Name.StringValue)).ToList();
        return kept.Count == 0 ? null : new GraphQLDirectives(kept);
    }
}
