using GraphQLParser.AST;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Authorization;

/// <summary>
/// The selections of one operation that carry an access rule (fields, fragments on protected types), found once per
/// document and operation, with the path an error names and the guard enclosing each (a selection inside a removed
/// one is not reported again). Checking a caller is then one pass over this list.
/// </summary>
internal sealed class GuardedOperation
{
    private GuardedOperation(AccessRule? root, List<Guard> guards)
    {
        Root = root;
        Guards = guards;
    }

    /// <summary>The root operation type's rule: when it fails, the whole operation is unauthorized.</summary>
    public AccessRule? Root { get; }

    public IReadOnlyList<Guard> Guards { get; }

    /// <summary>True when no selection of the operation is protected.</summary>
    public bool IsOpen => Root is null && Guards.Count == 0;

    public static GuardedOperation Find(AuthorizationRules rules, GraphQLOperationDefinition operation, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments)
    {
        var supergraph = rules.Supergraph;
        var rootName = operation.Operation switch
        {
            OperationType.Mutation => supergraph.MutationTypeName,
            OperationType.Subscription => supergraph.SubscriptionTypeName,
            _ => supergraph.QueryTypeName,
        };
        var guards = new List<Guard>();
        var root = rootName is null ? null : supergraph.Type(rootName);
        if (root is not null)
        {
            new Walker(rules, fragments, guards).Walk(root, operation.SelectionSet, [], -1);
        }

        return new GuardedOperation(root is null ? null : rules.Type(root.Name), guards);
    }

    /// <summary>A protected selection: the node to remove, what it asks, the error path, and the enclosing guard (-1 for none).</summary>
    internal sealed record Guard(ASTNode Node, AccessRule Rule, string[] Path, int Parent);

    private sealed class Walker(AuthorizationRules rules, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, List<Guard> guards)
    {
        private readonly HashSet<string> _spreading = new(StringComparer.Ordinal);

        public void Walk(SupergraphType parent, GraphQLSelectionSet selectionSet, List<string> path, int enclosing)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        WalkField(parent, field, path, enclosing);
                        break;
                    case GraphQLInlineFragment inline:
                        {
                            var condition = inline.TypeCondition is null ? parent : rules.Supergraph.Type(inline.TypeCondition.Type.Name.StringValue);
                            if (condition is null)
                            {
                                break;
                            }

                            var guard = inline.TypeCondition is null ? enclosing : Add(inline, rules.Type(condition.Name), path, "... on " + condition.Name, enclosing);
                            Walk(condition, inline.SelectionSet, path, guard);
                            break;
                        }

                    case GraphQLFragmentSpread spread:
                        {
                            var name = spread.FragmentName.Name.StringValue;
                            if (!fragments.TryGetValue(name, out var fragment) || rules.Supergraph.Type(fragment.TypeCondition.Type.Name.StringValue) is not { } condition || !_spreading.Add(name))
                            {
                                break;
                            }

                            var guard = Add(spread, rules.Type(condition.Name), path, "... on " + condition.Name, enclosing);
                            Walk(condition, fragment.SelectionSet, path, guard);
                            _spreading.Remove(name);
                            break;
                        }
                }
            }
        }

        private void WalkField(SupergraphType parent, GraphQLField field, List<string> path, int enclosing)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal) || parent.Field(name) is not { } definition)
            {
                // __typename is always allowed (Router does the same); introspection is not the subgraphs' data.
                return;
            }

            var rule = rules.Field(parent.Name, name);
            var returned = rules.Supergraph.Type(definition.NamedType);
            if (returned is { Kind: SupergraphTypeKind.Interface } && field.SelectionSet is not null && SelectsOutsideFragments(field.SelectionSet))
            {
                // Fields read from an interface directly may come from any implementation: all of them must be allowed.
                rule = AccessRule.Both(rule, rules.Implementations(returned.Name));
            }

            var responseName = (field.Alias?.Name ?? field.Name).StringValue;
            var guard = Add(field, rule, path, responseName, enclosing);
            if (field.SelectionSet is null || returned is null)
            {
                return;
            }

            path.Add(responseName);
            var lists = SupergraphField.ListDepth(definition.Type);
            for (var i = 0; i < lists; i++)
            {
                path.Add("@");
            }

            Walk(returned, field.SelectionSet, path, guard);
            path.RemoveRange(path.Count - 1 - lists, lists + 1);
        }

        private int Add(ASTNode node, AccessRule? rule, List<string> path, string last, int enclosing)
        {
            if (rule is null)
            {
                return enclosing;
            }

            guards.Add(new Guard(node, rule, [.. path, last], enclosing));
            return guards.Count - 1;
        }

        private static bool SelectsOutsideFragments(GraphQLSelectionSet selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                if (selection is GraphQLField field && field.Name.StringValue != "__typename")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
