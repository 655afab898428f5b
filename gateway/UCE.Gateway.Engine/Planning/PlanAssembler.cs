using System.Text;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>Orders fetch groups into sequence/parallel/flatten nodes and prints each group's subgraph operation.</summary>
internal sealed class PlanAssembler
{
    private readonly GraphQLOperationDefinition _operation;
    private readonly HashSet<FetchGroup> _taken = [];

    /// <summary>The fetches a deferred fragment's fetches read from outside that fragment, with the ids they are named by.</summary>
    private readonly Dictionary<FetchGroup, int> _ids = [];
    private int _fetchCount;

    private PlanAssembler(GraphQLOperationDefinition operation)
    {
        _operation = operation;
    }

    public static PlanNode? Assemble(IReadOnlyList<FetchGroup> groups, IReadOnlyList<DeferBlock> deferBlocks, GraphQLOperationDefinition operation)
    {
        var assembler = new PlanAssembler(operation);
        foreach (var outside in groups.Where(g => g.Defer is not null).SelectMany(g => g.Dependencies.Where(d => d.Defer != g.Defer)).Distinct().OrderBy(d => d.Id))
        {
            assembler._ids[outside] = assembler._ids.Count;
        }

        var primaryGroups = groups.Where(g => g.Defer is null).ToList();
        PlanNode? primary = null;
        if (primaryGroups.Count > 0)
        {
            var segments = primaryGroups.GroupBy(g => g.Segment).OrderBy(s => s.Key).Select(s => assembler.AssembleSegment(s.OrderBy(g => g.Id).ToList())).ToList();
            primary = Sequence(segments);
        }

        if (deferBlocks.Count == 0)
        {
            return primary;
        }

        var deferred = deferBlocks.Where(b => b.Parent is null).Select(b => assembler.Deferred(b, groups, deferBlocks)).ToList();
        return new DeferNode(primary, deferred) { FetchIds = assembler._ids.Count };
    }

    /// <summary>
    /// A deferred fragment's fetches (run once the fetches they read from outside the fragment have run, and the fragment
    /// this one is nested in), then its own deferred fragments.
    /// </summary>
    private DeferredNode Deferred(DeferBlock block, IReadOnlyList<FetchGroup> groups, IReadOnlyList<DeferBlock> blocks)
    {
        var own = groups.Where(g => g.Defer == block).OrderBy(g => g.Id).ToList();
        var depends = own.SelectMany(g => g.Dependencies).Where(d => d.Defer != block).Distinct().Select(d => _ids[d]).Order().ToList();
        var node = own.Count == 0 ? null : AssembleSegment(own);
        var nested = blocks.Where(b => b.Parent == block).Select(b => Deferred(b, groups, blocks)).ToList();
        if (nested.Count > 0)
        {
            node = new DeferNode(node, nested);
        }

        return new DeferredNode(block.Label, block.Path, block.ParentType, block.Fragment, node) { Depends = depends };
    }

    private PlanNode AssembleSegment(List<FetchGroup> groups)
    {
        var members = groups.ToHashSet();
        var doneBefore = new HashSet<FetchGroup>();
        var stages = new List<PlanNode>();
        while (groups.Any(g => !_taken.Contains(g)))
        {
            var ready = groups.Where(g => !_taken.Contains(g) && g.Dependencies.All(d => doneBefore.Contains(d) || !members.Contains(d))).ToList();
            if (ready.Count == 0)
            {
                throw new QueryPlanningException(QueryPlanningException.Unsatisfiable, "The fetches of this operation depend on each other in a cycle.");
            }

            var stageDoneBefore = new HashSet<FetchGroup>(doneBefore);
            var trees = new List<PlanNode>();
            foreach (var group in ready)
            {
                if (!_taken.Contains(group))
                {
                    trees.Add(Tree(group, groups, members, stageDoneBefore, [], []));
                }
            }

            stages.Add(Parallel(trees));
            doneBefore.UnionWith(groups.Where(_taken.Contains));
        }

        return Sequence(stages);
    }

    private PlanNode Tree(FetchGroup group, List<FetchGroup> groups, HashSet<FetchGroup> members, HashSet<FetchGroup> doneBefore, List<FetchGroup> ancestors, IReadOnlyList<PlanCondition> applied)
    {
        _taken.Add(group);
        var node = Fetch(group);
        var conditions = group.Conditions.Where(c => !applied.Contains(c)).ToList();
        var appliedBelow = conditions.Count == 0 ? applied : [.. applied, .. conditions];
        var chain = new List<FetchGroup>(ancestors) { group };
        var children = groups.Where(c => !_taken.Contains(c)
            && c.Dependencies.Contains(group)
            && c.Dependencies.All(d => doneBefore.Contains(d) || chain.Contains(d) || !members.Contains(d))).ToList();
        if (children.Count == 0)
        {
            return Conditioned(node, conditions);
        }

        // A fetch that reads this one's results is needed only when this one is (its conditions include these).
        var childNodes = new List<PlanNode>();
        foreach (var child in children)
        {
            if (!_taken.Contains(child))
            {
                childNodes.Add(Tree(child, groups, members, doneBefore, chain, appliedBelow));
            }
        }

        return Conditioned(Sequence([node, Parallel(childNodes)]), conditions);
    }

    /// <summary>Runs <paramref name="node"/> only when every condition holds (<c>Include</c>/<c>Skip</c> nodes, outermost first).</summary>
    private static PlanNode Conditioned(PlanNode node, List<PlanCondition> conditions)
    {
        for (var i = conditions.Count - 1; i >= 0; i--)
        {
            node = conditions[i].NeededWhen
                ? new ConditionNode(conditions[i].Variable, node, null)
                : new ConditionNode(conditions[i].Variable, null, node);
        }

        return node;
    }

    private static PlanNode Sequence(List<PlanNode> nodes)
    {
        var flat = new List<PlanNode>();
        foreach (var node in nodes)
        {
            if (node is SequenceNode inner)
            {
                flat.AddRange(inner.Nodes);
            }
            else
            {
                flat.Add(node);
            }
        }

        return flat.Count == 1 ? flat[0] : new SequenceNode(flat);
    }

    private static PlanNode Parallel(List<PlanNode> nodes)
    {
        var flat = new List<PlanNode>();
        foreach (var node in nodes)
        {
            if (node is ParallelNode inner)
            {
                flat.AddRange(inner.Nodes);
            }
            else
            {
                flat.Add(node);
            }
        }

        return flat.Count == 1 ? flat[0] : new ParallelNode(flat);
    }

    private PlanNode Fetch(FetchGroup group)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        group.Selections.CollectVariables(used);
        var definitions = (_operation.Variables?.Items ?? []).Where(v => used.Contains(v.Variable.Name.StringValue)).ToList();
        var usages = definitions.Select(v => v.Variable.Name.StringValue).ToList();

        string? operationName = null;
        if (_operation.Name is not null)
        {
            operationName = $"{_operation.Name.StringValue}__{NameSafe(group.Subgraph)}__{_fetchCount}";
        }

        _fetchCount++;
        var text = new StringBuilder();
        var keyword = group.IsEntityFetch ? "query" : _operation.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        };
        var hasVariables = group.IsEntityFetch || definitions.Count > 0;
        if (operationName is not null || hasVariables || keyword != "query")
        {
            text.Append(keyword);
            if (operationName is not null)
            {
                text.Append(' ').Append(operationName);
            }
        }

        if (hasVariables)
        {
            text.Append('(');
            var first = true;
            if (group.IsEntityFetch)
            {
                text.Append("$representations:[_Any!]!");
                foreach (var context in group.ContextValues)
                {
                    text.Append(",$").Append(context.Variable).Append(':').Append(context.Type);
                }

                first = false;
            }

            foreach (var definition in definitions)
            {
                if (!first)
                {
                    text.Append(',');
                }

                first = false;
                text.Append('$').Append(definition.Variable.Name.StringValue).Append(':');
                CompactPrinter.Type(definition.Type, text);
                if (definition.DefaultValue is not null)
                {
                    text.Append('=');
                    CompactPrinter.Value(definition.DefaultValue, text);
                }
            }

            text.Append(')');
        }

        if (group.IsEntityFetch)
        {
            text.Append("{_entities(representations:$representations)");
            group.Selections.Print(text);
            text.Append('}');
        }
        else
        {
            group.Selections.Print(text);
        }

        var fetch = new FetchNode(
            group.Subgraph,
            text.ToString(),
            operationName,
            usages,
            group.IsEntityFetch ? group.BuildRequires() : null,
            group.InputRewrites.ToList(),
            group.OutputRewrites.ToList())
        {
            ContextValues = group.ContextValues.ToList(),
            Id = _ids.TryGetValue(group, out var id) ? id : null,
        };
        return group.IsEntityFetch ? new FlattenNode(group.Path, fetch) : fetch;
    }

    /// <summary>Subgraph names may hold characters a GraphQL name cannot (<c>-</c>, <c>.</c>); they become <c>_</c>.</summary>
    private static string NameSafe(string subgraph)
    {
        var chars = subgraph.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
