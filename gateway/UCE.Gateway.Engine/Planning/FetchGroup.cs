namespace UCE.Gateway.Engine.Planning;

/// <summary>A subgraph fetch while the plan is being built: its selections, representation shape and dependencies.</summary>
internal sealed class FetchGroup
{
    private readonly List<(string Type, List<InputSelection> Inputs)> _requires = [];

    public FetchGroup(int id, string subgraph, bool isEntityFetch, IReadOnlyList<string> path, int segment, DeferBlock? defer)
    {
        Defer = defer;
        Id = id;
        Subgraph = subgraph;
        IsEntityFetch = isEntityFetch;
        Path = path;
        PathKey = string.Join('.', path);
        Segment = segment;
    }

    public int Id { get; }

    /// <summary>The deferred fragment this fetch serves; <c>null</c> for the primary part.</summary>
    public DeferBlock? Defer { get; }

    public string Subgraph { get; }

    public bool IsEntityFetch { get; }

    /// <summary>Where the fetched entities sit in the response (response names, <c>@</c> for list elements).</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>For mutations: the index of the top-level mutation step this fetch belongs to.</summary>
    public int Segment { get; }

    /// <summary>For a root fetch: the root fields; for an entity fetch: one inline fragment per entity type inside <c>_entities</c>.</summary>
    public SubgraphSelectionSet Selections { get; } = new();

    /// <summary>Fetches whose results this one reads (its representations or required fields).</summary>
    public HashSet<FetchGroup> Dependencies { get; } = [];

    public List<FetchRewrite> InputRewrites { get; } = [];

    /// <summary>The <c>@fromContext</c> values this entity fetch passes as variables.</summary>
    public List<ContextValue> ContextValues { get; } = [];

    /// <summary>The variable carrying a context value (the same one for the same value).</summary>
    public string ContextVariable(string type, int steps, IReadOnlyList<string> valuePath)
    {
        foreach (var existing in ContextValues)
        {
            if (existing.Type == type && existing.Steps == steps && existing.ValuePath.SequenceEqual(valuePath))
            {
                return existing.Variable;
            }
        }

        var variable = $"__uce_ctx_{ContextValues.Count}";
        ContextValues.Add(new ContextValue(variable, type, steps, valuePath));
        return variable;
    }

    /// <summary>
    /// The variable conditions under which some selection needs this fetch (all of them must hold); empty when it is always
    /// needed. The plan runs the fetch inside a <see cref="ConditionNode"/> per condition.
    /// </summary>
    public IReadOnlyList<PlanCondition> Conditions { get; private set; } = [];

    private bool _used;

    /// <summary>Records that a selection planned under <paramref name="conditions"/> uses this fetch.</summary>
    public void UsedUnder(IReadOnlyList<PlanCondition> conditions)
    {
        Conditions = _used ? PlanCondition.Common(Conditions, conditions) : conditions;
        _used = true;
    }

    /// <summary>Renames undoing the aliases the planner gave to fields that would conflict in the subgraph operation.</summary>
    public List<FetchRewrite> OutputRewrites { get; } = [];

    private int _aliasCount;

    /// <summary>A response name unique within this fetch, for a field that must be aliased.</summary>
    public string NextAlias(string responseName) => $"{responseName}__uce_{_aliasCount++}";

    public string PathKey { get; }

    /// <summary>Adds the representation shape for one type, merging fields when the type is already there.</summary>
    public void AddRequires(string type, IReadOnlyList<InputSelection> inputs)
    {
        var index = _requires.FindIndex(r => r.Type == type);
        if (index < 0)
        {
            _requires.Add((type, [.. inputs]));
            return;
        }

        Merge(_requires[index].Inputs, inputs);
    }

    public void AddInputRewrite(FetchRewrite rewrite)
    {
        if (!InputRewrites.Contains(rewrite, FetchRewriteComparer.Instance))
        {
            InputRewrites.Add(rewrite);
        }
    }

    /// <summary>True when the representations of <paramref name="type"/> sent to this fetch hold every one of <paramref name="inputs"/>.</summary>
    public bool Represents(string type, IReadOnlyList<InputSelection> inputs)
    {
        var index = _requires.FindIndex(r => r.Type == type);
        return index >= 0 && Holds(_requires[index].Inputs, inputs);
    }

    private static bool Holds(IReadOnlyList<InputSelection> held, IReadOnlyList<InputSelection> wanted) =>
        wanted.All(w => w switch
        {
            InputField field => held.Any(h => h is InputField f && f.Name == field.Name && f.ResponseName == field.ResponseName
                && (field.Selections is null ? f.Selections is null : f.Selections is not null && Holds(f.Selections, field.Selections))),
            InputFragment fragment => held.Any(h => h is InputFragment f && f.TypeCondition == fragment.TypeCondition && Holds(f.Selections, fragment.Selections)),
            _ => false,
        });

    public IReadOnlyList<InputSelection> BuildRequires() =>
        _requires.Select(r => (InputSelection)new InputFragment(r.Type, r.Inputs)).ToList();

    private static void Merge(List<InputSelection> target, IReadOnlyList<InputSelection> additions)
    {
        foreach (var addition in additions)
        {
            switch (addition)
            {
                case InputField field:
                    {
                        var index = target.FindIndex(t => t is InputField f && f.Name == field.Name && f.ResponseName == field.ResponseName);
                        if (index < 0)
                        {
                            target.Add(field);
                        }
                        else if (field.Selections is not null)
                        {
                            var existing = (InputField)target[index];
                            var merged = existing.Selections is null ? [] : existing.Selections.ToList();
                            Merge(merged, field.Selections);
                            target[index] = existing with { Selections = merged };
                        }

                        break;
                    }

                case InputFragment fragment:
                    {
                        var index = target.FindIndex(t => t is InputFragment f && f.TypeCondition == fragment.TypeCondition);
                        if (index < 0)
                        {
                            target.Add(fragment);
                        }
                        else
                        {
                            var existing = (InputFragment)target[index];
                            var merged = existing.Selections.ToList();
                            Merge(merged, fragment.Selections);
                            target[index] = existing with { Selections = merged };
                        }

                        break;
                    }
            }
        }
    }

    private sealed class FetchRewriteComparer : IEqualityComparer<FetchRewrite>
    {
        public static readonly FetchRewriteComparer Instance = new();

        public bool Equals(FetchRewrite? x, FetchRewrite? y) =>
            x is not null && y is not null && x.GetType() == y.GetType() && x.Path.SequenceEqual(y.Path)
            && (x, y) switch
            {
                (ValueSetter a, ValueSetter b) => a.Value == b.Value,
                (KeyRenamer a, KeyRenamer b) => a.RenameKeyTo == b.RenameKeyTo,
                _ => false,
            };

        public int GetHashCode(FetchRewrite obj) => obj.Path.Count;
    }
}
