namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>Finds the @external fields a subgraph actually uses in a key, @requires or @provides.</summary>
internal static class ExternalUsage
{
    public static HashSet<(string Type, string Field)> UsedExternals(SubgraphSchema subgraph)
    {
        var used = new HashSet<(string, string)>();
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var key in type.Keys)
            {
                Mark(type.Name, FieldSet.TryParse(key.Fields));
            }

            foreach (var field in type.Fields)
            {
                if (field.Requires is not null)
                {
                    Mark(type.Name, FieldSet.TryParse(field.Requires));
                }

                if (field.Provides is not null)
                {
                    Mark(field.Type.NamedType, FieldSet.TryParse(field.Provides));
                }
            }
        }

        return used;

        void Mark(string typeName, IReadOnlyList<FieldSelection>? selections)
        {
            if (selections is null || !subgraph.Types.TryGetValue(typeName, out var type))
            {
                return;
            }

            foreach (var selection in selections)
            {
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

                    used.Add((target.Name, field.Name));
                    Mark(field.Type.NamedType, selection.Selections);
                }
            }
        }
    }
}
