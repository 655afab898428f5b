namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>Finds the fields a subgraph's field sets select: the @external fields it uses, the fields its keys name.</summary>
internal static class ExternalUsage
{
    /// <summary>Every field a key, @requires, @provides or @fromContext of the subgraph selects, at any depth and inside fragments.</summary>
    public static HashSet<(string Type, string Field)> UsedExternals(SubgraphSchema subgraph)
    {
        var used = new HashSet<(string, string)>();
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var key in type.Keys)
            {
                used.UnionWith(Targets(subgraph, type.Name, key.Fields));
            }

            foreach (var field in type.Fields)
            {
                if (field.Requires is not null)
                {
                    used.UnionWith(Targets(subgraph, type.Name, field.Requires));
                }

                if (field.Provides is not null)
                {
                    used.UnionWith(Targets(subgraph, field.Type.NamedType, field.Provides));
                }

                // A @fromContext reads its selection from every type that sets the context.
                foreach (var reference in field.Arguments.Select(a => a.FromContext is null ? null : ContextReference.Parse(a.FromContext)).OfType<ContextReference>())
                {
                    var selection = reference.Selection.Trim();
                    selection = selection.StartsWith('{') && selection.EndsWith('}') ? selection[1..^1] : selection;
                    foreach (var location in subgraph.Types.Values.Where(t => t.Contexts.Contains(reference.Context)))
                    {
                        used.UnionWith(Targets(subgraph, location.Name, selection));
                    }
                }
            }
        }

        return used;
    }

    /// <summary>The fields named by the keys of the subgraph's types, nested key selections included.</summary>
    public static HashSet<(string Type, string Field)> KeyFields(SubgraphSchema subgraph)
    {
        var fields = new HashSet<(string, string)>();
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var key in type.Keys)
            {
                fields.UnionWith(Targets(subgraph, type.Name, key.Fields));
            }
        }

        return fields;
    }

    /// <summary>
    /// The fields a field set selects from <paramref name="typeName"/>: every level, every inline fragment, and
    /// for a field selected on an interface the same field of each implementation.
    /// </summary>
    public static IEnumerable<(string Type, string Field)> Targets(SubgraphSchema subgraph, string typeName, string fieldSet)
    {
        var result = new List<(string, string)>();
        Mark(typeName, FieldSet.TryParse(fieldSet));
        return result;

        void Mark(string parentName, IReadOnlyList<FieldSelection>? selections)
        {
            if (selections is null || !subgraph.Types.TryGetValue(parentName, out var type))
            {
                return;
            }

            foreach (var selection in selections)
            {
                if (selection.IsFragment)
                {
                    Mark(selection.TypeCondition is "" ? type.Name : selection.TypeCondition!, selection.Selections);
                    continue;
                }

                var targets = type.Kind == TypeKind.Object
                    ? [type]
                    : subgraph.Types.Values.Where(t => t.Interfaces.Contains(type.Name) || type.UnionMembers.Contains(t.Name)).Append(type).ToList();
                foreach (var target in targets)
                {
                    var field = target.Field(selection.Name);
                    if (field is null)
                    {
                        continue;
                    }

                    result.Add((target.Name, field.Name));
                    Mark(field.Type.NamedType, selection.Selections);
                }
            }
        }
    }
}
