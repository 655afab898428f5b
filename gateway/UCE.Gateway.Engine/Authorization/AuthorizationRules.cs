using GraphQLParser.AST;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Authorization;

/// <summary>
/// The access rules of one supergraph as the filter applies them, computed once: for every field, what selecting it
/// asks — its own rule, its return type's rule, the rules of the data its <c>@requires</c> reads (transitively), and
/// on an interface the same for the field on every implementation (as Apollo Router does).
/// </summary>
internal sealed class AuthorizationRules
{
    private readonly SupergraphSchema _supergraph;
    private readonly Dictionary<(string Type, string Field), AccessRule?> _fields = [];
    private readonly Dictionary<string, AccessRule?> _implementations = new(StringComparer.Ordinal);

    private AuthorizationRules(SupergraphSchema supergraph)
    {
        _supergraph = supergraph;
        foreach (var type in supergraph.Types.Values.Where(t => t.Kind is SupergraphTypeKind.Object or SupergraphTypeKind.Interface))
        {
            foreach (var field in type.Fields)
            {
                _fields[(type.Name, field.Name)] = FieldRule(type, field, []);
            }

            if (type.Kind == SupergraphTypeKind.Interface)
            {
                AccessRule? rule = null;
                foreach (var implementation in supergraph.PossibleTypes(type.Name))
                {
                    rule = AccessRule.Both(rule, supergraph.Type(implementation)?.Access);
                }

                _implementations[type.Name] = rule;
            }
        }

        foreach (var type in supergraph.Types.Values.Where(t => t.Kind == SupergraphTypeKind.Interface))
        {
            foreach (var field in type.Fields)
            {
                var rule = _fields[(type.Name, field.Name)];
                foreach (var implementation in supergraph.PossibleTypes(type.Name))
                {
                    rule = AccessRule.Both(rule, _fields.GetValueOrDefault((implementation, field.Name)));
                }

                _fields[(type.Name, field.Name)] = rule;
            }
        }
    }

    /// <summary>The rules of <paramref name="supergraph"/>, or <c>null</c> when it has none (the filter then never runs).</summary>
    public static AuthorizationRules? For(SupergraphSchema supergraph)
    {
        var any = supergraph.Types.Values.Any(t => t.Access is not null || t.Fields.Any(f => f.Access is not null));
        return any ? new AuthorizationRules(supergraph) : null;
    }

    public SupergraphSchema Supergraph => _supergraph;

    /// <summary>What selecting <paramref name="field"/> on <paramref name="type"/> asks; <c>null</c> when nothing.</summary>
    public AccessRule? Field(string type, string field) => _fields.GetValueOrDefault((type, field));

    /// <summary>The rules of every implementation of an interface together (needed when its fields are selected outside fragments).</summary>
    public AccessRule? Implementations(string interfaceName) => _implementations.GetValueOrDefault(interfaceName);

    /// <summary>The type's own rule (fragments on it, the root operation type).</summary>
    public AccessRule? Type(string type) => _supergraph.Type(type)?.Access;

    private AccessRule? FieldRule(SupergraphType parent, SupergraphField field, HashSet<(string, string)> visiting)
    {
        if (_fields.TryGetValue((parent.Name, field.Name), out var known) && visiting.Count > 0)
        {
            return known;
        }

        if (!visiting.Add((parent.Name, field.Name)))
        {
            return null;
        }

        var rule = AccessRule.Both(field.Access, _supergraph.Type(field.NamedType)?.Access);
        foreach (var join in field.JoinFields)
        {
            if (join.Requires is not null && !join.External)
            {
                // The field reads what it requires: a caller who may not read that data may not read the field.
                rule = AccessRule.Both(rule, SelectionRule(parent, join.Requires, visiting));
            }
        }

        visiting.Remove((parent.Name, field.Name));
        return rule;
    }

    private AccessRule? SelectionRule(SupergraphType parent, GraphQLSelectionSet selection, HashSet<(string, string)> visiting)
    {
        AccessRule? rule = null;
        foreach (var node in selection.Selections)
        {
            switch (node)
            {
                case GraphQLField fieldNode when parent.Field(fieldNode.Name.StringValue) is { } field:
                    rule = AccessRule.Both(rule, FieldRule(parent, field, visiting));
                    if (fieldNode.SelectionSet is not null && _supergraph.Type(field.NamedType) is { } returned)
                    {
                        rule = AccessRule.Both(rule, SelectionRule(returned, fieldNode.SelectionSet, visiting));
                    }

                    break;
                case GraphQLInlineFragment fragment:
                    {
                        var condition = fragment.TypeCondition is null ? parent : _supergraph.Type(fragment.TypeCondition.Type.Name.StringValue);
                        if (condition is not null)
                        {
                            rule = AccessRule.Both(rule, condition.Access);
                            rule = AccessRule.Both(rule, SelectionRule(condition, fragment.SelectionSet, visiting));
                        }

                        break;
                    }
            }
        }

        return rule;
    }
}
