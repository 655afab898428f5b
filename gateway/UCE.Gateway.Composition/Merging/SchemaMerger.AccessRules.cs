using GraphQLParser.AST;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

internal sealed partial class SchemaMerger
{
    /// <summary>
    /// Access rules travel between interfaces and their implementations, as Apollo composition 2.9.4+ does: an interface
    /// asks what any implementation asks (type rules and field rules go up), and a field an <c>@interfaceObject</c>
    /// declares passes its rule down to the field on every implementation (and up to their other interfaces).
    /// The rules of all sources then merge as for a field several subgraphs define (all must hold).
    /// </summary>
    private void PropagateAccessRules()
    {
        var interfaces = supergraph.Types.Values.Where(t => t.Kind == TypeKind.Interface).ToList();
        if (interfaces.Count == 0 || !subgraphs.Exists(s => s.Types.Values.Any(HasAccessRule)))
        {
            return;
        }

        var implementations = interfaces.ToDictionary(
            i => i.Name,
            i => supergraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(i.Name)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var typeSources = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var fieldSources = new Dictionary<(string Type, string Field), List<string>>();
        foreach (var subgraph in subgraphs)
        {
            foreach (var type in subgraph.Types.Values.Where(t => t.Kind == TypeKind.Object))
            {
                var implemented = interfaces.Where(i => implementations[i.Name].Contains(type.Name)).Select(i => i.Name).ToList();
                if (!type.InterfaceObject)
                {
                    foreach (var itf in implemented)
                    {
                        Sources(typeSources, itf).AddRange(type.OtherDirectives.Where(AccessRules.IsAccessDirective));
                    }
                }

                foreach (var field in type.Fields.Where(f => !f.External && f.OtherDirectives.Exists(AccessRules.IsAccessDirective)))
                {
                    var rules = field.OtherDirectives.Where(AccessRules.IsAccessDirective).ToList();
                    if (!type.InterfaceObject)
                    {
                        foreach (var itf in implemented)
                        {
                            Sources(fieldSources, (itf, field.Name)).AddRange(rules);
                        }

                        continue;
                    }

                    if (!implementations.TryGetValue(type.Name, out var objects))
                    {
                        continue;
                    }

                    var otherInterfaces = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var impl in objects)
                    {
                        Sources(fieldSources, (impl, field.Name)).AddRange(rules);
                        otherInterfaces.UnionWith(interfaces.Where(i => i.Name != type.Name && implementations[i.Name].Contains(impl)).Select(i => i.Name));
                    }

                    foreach (var itf in otherInterfaces)
                    {
                        Sources(fieldSources, (itf, field.Name)).AddRange(rules);
                    }
                }
            }
        }

        foreach (var (typeName, rules) in typeSources)
        {
            Apply(supergraph.Types[typeName].Directives, rules);
        }

        foreach (var ((typeName, fieldName), rules) in fieldSources)
        {
            if (supergraph.Types.TryGetValue(typeName, out var type) && type.Field(fieldName) is { } field)
            {
                Apply(field.Directives, rules, beforeJoinField: field.FromInterfaceObject);
            }
        }

        static List<string> Sources<TKey>(Dictionary<TKey, List<string>> map, TKey key)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                map[key] = list;
            }

            return list;
        }
    }

    private static bool HasAccessRule(SubgraphType type) =>
        type.OtherDirectives.Exists(AccessRules.IsAccessDirective) || type.Fields.Exists(f => f.OtherDirectives.Exists(AccessRules.IsAccessDirective));

    /// <summary>
    /// Merges propagated rules with the element's own: its existing application of a kind is replaced in place, a new
    /// one goes where Apollo puts it (after the join and inaccessible directives; before a bare <c>@join__field</c> on
    /// a field that exists only through an interface object).
    /// </summary>
    private static void Apply(List<string> directives, List<string> propagated, bool beforeJoinField = false)
    {
        foreach (var kind in AccessRules.Kinds)
        {
            var added = propagated.Where(d => AccessRules.KindOf(d) == kind).ToList();
            if (added.Count == 0)
            {
                continue;
            }

            var index = directives.FindIndex(d => AccessRules.KindOf(d) == kind);
            if (index >= 0)
            {
                directives[index] = AccessRules.Merge(kind, added.Prepend(directives[index]));
                continue;
            }

            var merged = AccessRules.Merge(kind, added);
            var position = beforeJoinField
                ? directives.FindIndex(d => d.StartsWith("@join__field", StringComparison.Ordinal))
                : directives.FindLastIndex(d => d.StartsWith("@join__", StringComparison.Ordinal) || d == "@inaccessible"
                    || (AccessRules.KindOf(d) is { } other && Array.IndexOf(AccessRules.Kinds, other) < Array.IndexOf(AccessRules.Kinds, kind))) + 1;
            directives.Insert(position < 0 ? directives.Count : position, merged);
        }
    }

    /// <summary>
    /// A field with <c>@requires</c> must ask at least what the data it requires asks (Apollo's
    /// <c>MISSING_TRANSITIVE_AUTH_REQUIREMENTS</c>): otherwise a caller could read protected data through it.
    /// </summary>
    private void CheckTransitiveAccessRules()
    {
        if (!supergraph.Types.Values.Any(t => t.Directives.Exists(AccessRules.IsAccessDirective) || t.Fields.Exists(f => f.Directives.Exists(AccessRules.IsAccessDirective))))
        {
            return;
        }

        foreach (var type in supergraph.Types.Values.Where(t => t.Kind is TypeKind.Object or TypeKind.Interface))
        {
            foreach (var field in type.Fields)
            {
                foreach (var source in field.Sources.Where(s => s.Requires is not null))
                {
                    var requirement = AccessRequirement.Combine(AccessRequirement.From(type.Directives), AccessRequirement.From(field.Directives));
                    GraphQLSelectionSet selection;
                    try
                    {
                        selection = ((GraphQLOperationDefinition)GraphQLParser.Parser.Parse("{" + source.Requires + "}").Definitions[0]).SelectionSet;
                    }
                    catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
                    {
                        continue;
                    }

                    if (FirstUnmetRequirement(requirement, type, selection) is { } what)
                    {
                        errors.Add(new CompositionError(
                            ErrorCodes.MissingTransitiveAuthRequirements,
                            $"[{source.Graph}] Field \"{type.Name}.{field.Name}\" does not specify necessary @authenticated, @requiresScopes and/or @policy auth requirements to access the transitive {what} from @requires selection set.",
                            source.Graph));
                    }
                }
            }
        }
    }

    private string? FirstUnmetRequirement(AccessRequirement requirement, SupergraphType parent, GraphQLSelectionSet selection)
    {
        foreach (var node in selection.Selections)
        {
            switch (node)
            {
                case GraphQLField fieldNode when parent.Field(fieldNode.Name.StringValue) is { } field:
                    {
                        supergraph.Types.TryGetValue(field.Type.NamedType, out var returned);
                        if (!requirement.Implies(AccessRequirement.From(field.Directives)) || !requirement.Implies(AccessRequirement.From(returned?.Directives ?? [])))
                        {
                            return $"field \"{parent.Name}.{field.Name}\" data";
                        }

                        if (fieldNode.SelectionSet is not null && returned is not null && FirstUnmetRequirement(requirement, returned, fieldNode.SelectionSet) is { } nested)
                        {
                            return nested;
                        }

                        break;
                    }

                case GraphQLInlineFragment fragment:
                    {
                        var condition = fragment.TypeCondition is null ? parent : supergraph.Types.GetValueOrDefault(fragment.TypeCondition.Type.Name.StringValue);
                        if (condition is null)
                        {
                            break;
                        }

                        if (!requirement.Implies(AccessRequirement.From(condition.Directives)))
                        {
                            return $"data in inline fragment type condition \"{condition.Name}\"";
                        }

                        if (FirstUnmetRequirement(requirement, condition, fragment.SelectionSet) is { } nested)
                        {
                            return nested;
                        }

                        break;
                    }
            }
        }

        return null;
    }

    /// <summary>Access directives are merged under their canonical names and printed under the names the subgraphs import.</summary>
    private void RenameAccessDirectives()
    {
        foreach (var (spec, name) in supergraph.AccessNames.Where(n => n.Key != n.Value))
        {
            var canonical = "@" + spec;
            foreach (var list in supergraph.Types.Values.SelectMany(t => t.Fields.Select(f => f.Directives).Prepend(t.Directives)))
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] == canonical || list[i].StartsWith(canonical + "(", StringComparison.Ordinal))
                    {
                        list[i] = "@" + name + list[i][canonical.Length..];
                    }
                }
            }
        }
    }
}
