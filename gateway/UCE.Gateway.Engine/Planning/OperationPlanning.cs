using GraphQLParser.AST;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Planning;

/// <summary>
/// The planning of one operation: walks the client's selections, keeps each field in the subgraph that is
/// already fetching its parent when that subgraph can resolve it, and otherwise jumps to another subgraph
/// through an entity key (fetching the key and any <c>@requires</c> fields first).
/// </summary>
internal sealed partial class OperationPlanning
{
    private const int MaxJumpDepth = 16;
    private const string PlannerAliasPrefix = "__uce_";

    private static readonly IReadOnlyDictionary<string, string> NoReservedNames = new Dictionary<string, string>();

    private readonly SupergraphSchema _supergraph;
    private readonly GraphQLOperationDefinition _operation;
    private readonly List<FetchGroup> _groups = [];
    private readonly List<DeferBlock> _deferBlocks = [];
    private readonly IReadOnlyDictionary<string, bool>? _deferAssumed;
    private int _segment;

    /// <param name="supergraph">The supergraph planned over.</param>
    /// <param name="operation">The client's operation.</param>
    /// <param name="deferAssumed">
    /// The values assumed for the variables of <c>@defer(if: $v)</c>; <c>null</c> to ignore <c>@defer</c> (the whole
    /// operation in one response, as mutations and subscriptions are answered).
    /// </param>
    public OperationPlanning(SupergraphSchema supergraph, GraphQLOperationDefinition operation, IReadOnlyDictionary<string, bool>? deferAssumed = null)
    {
        _supergraph = supergraph;
        _operation = operation;
        _deferAssumed = deferAssumed;
    }

    public IReadOnlyList<FetchGroup> Groups => _groups;

    /// <summary>The deferred fragments, in document order (a nested one after the fragment it is nested in).</summary>
    public IReadOnlyList<DeferBlock> DeferBlocks => _deferBlocks;

    /// <summary>Where the planner is writing: a group, the selection set inside its operation, and the client-side position.</summary>
    private sealed record Position(
        FetchGroup Group,
        SubgraphSelectionSet Target,
        string ParentType,
        IReadOnlyList<string> Path,
        GraphQLSelectionSet? Provided,
        IReadOnlyList<GraphQLDirectives> Conditions,
        IReadOnlyDictionary<string, string> Reserved,
        HashSet<FetchGroup>? Touched,
        int JumpDepth)
    {
        /// <summary>The position of the enclosing selection set in the same fetch, and the field that led here.</summary>
        public (Position Position, ClientField Field)? Enclosing { get; init; }

        /// <summary>The client's selections at this level (siblings of what is being planned), when known.</summary>
        public IReadOnlyList<ClientSelection>? Level { get; init; }

        /// <summary>The variable conditions (<c>@skip</c>/<c>@include</c>) on the way to this position, this selection's own included.</summary>
        public IReadOnlyList<PlanCondition> Guards { get; init; } = [];

        /// <summary>The deferred fragment being planned; <c>null</c> in the primary part.</summary>
        public DeferBlock? Defer { get; init; }

        public string Graph => Group.Subgraph;

        /// <summary>This position under the conditions the directives of a selection add.</summary>
        public Position Guarded(GraphQLDirectives? directives)
        {
            var guards = PlanCondition.With(Guards, directives);
            return ReferenceEquals(guards, Guards) ? this : this with { Guards = guards };
        }
    }

    /// <summary>A subgraph that can take over a selection through one of its entity keys.</summary>
    private sealed record JumpTarget(string Graph, string EntityType, EntityKey Key, bool RewriteTypename, int Order);

    public void PlanRoot(IReadOnlyList<ClientSelection> selections)
    {
        var rootTypeName = _operation.Operation switch
        {
            OperationType.Mutation => _supergraph.MutationTypeName,
            OperationType.Subscription => _supergraph.SubscriptionTypeName,
            _ => _supergraph.QueryTypeName,
        } ?? throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"The schema has no {_operation.Operation.ToString().ToLowerInvariant()} type.");
        var rootType = _supergraph.Type(rootTypeName)!;
        var reserved = ReservedNames(selections);
        var fields = new List<(ClientField Field, List<GraphQLDirectives> Conditions, DeferBlock? Defer)>();
        FlattenRoot(selections, rootTypeName, [], null, fields);
        FetchGroup? last = null;
        foreach (var (field, conditions, defer) in fields)
        {
            if (field.Name is "__typename" or "__schema" or "__type")
            {
                continue;
            }

            var definition = rootType.Field(field.Name)
                ?? throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Cannot query field '{field.Name}' on type '{rootTypeName}'.");
            var candidates = _supergraph.Subgraphs.Select(s => s.Name).Where(g => CanResolveLocally(g, rootTypeName, field.Name, null)).ToList();
            if (candidates.Count == 0)
            {
                throw new QueryPlanningException(QueryPlanningException.Unsatisfiable, $"No subgraph can resolve '{rootTypeName}.{field.Name}'.");
            }

            FetchGroup group;
            if (_operation.Operation == OperationType.Mutation)
            {
                if (last is not null && candidates.Contains(last.Subgraph))
                {
                    group = last;
                }
                else
                {
                    _segment = last is null ? 0 : _segment + 1;
                    group = NewGroup(BestRootCandidate(candidates, rootTypeName, field), false, [], _segment, null);
                }
            }
            else
            {
                // Joining a fetch already planned saves a request, unless another subgraph resolves more of the field.
                var best = BestRootCandidate(candidates, rootTypeName, field);
                var bestScore = LocalScore(best, definition.NamedType, field.Children);
                group = _groups.FirstOrDefault(g => !g.IsEntityFetch && g.Defer == defer && candidates.Contains(g.Subgraph)
                        && LocalScore(g.Subgraph, definition.NamedType, field.Children) == bestScore)
                    ?? _groups.FirstOrDefault(g => !g.IsEntityFetch && g.Defer == defer && g.Subgraph == best)
                    ?? NewGroup(best, false, [], 0, defer);
            }

            last = group;
            var target = group.Selections;
            foreach (var condition in conditions)
            {
                target = target.AddFragment(null, condition).Selections;
            }

            var guards = (IReadOnlyList<PlanCondition>)[];
            foreach (var condition in conditions)
            {
                guards = PlanCondition.With(guards, condition);
            }

            var position = new Position(group, target, rootTypeName, [], null, [], reserved, null, 0) { Guards = guards, Defer = defer };
            PlanFieldLocally(position, field, definition, JoinFieldIn(group.Subgraph, definition));
        }
    }

    private (Position Position, ClientField Field)? RootFieldElsewhereResolving(Position position, ClientSelection selection)
    {
        if (position.Enclosing is not { } up || up.Position.Enclosing is not null || up.Position.Path.Count != 0
            || up.Position.Group.IsEntityFetch || _operation.Operation == OperationType.Mutation)
        {
            return null;
        }

        var rootType = _supergraph.Type(up.Position.ParentType)!;
        var definition = rootType.Field(up.Field.Name)!;
        var wanted = FieldCount([selection]);
        foreach (var graph in _supergraph.Subgraphs.Select(s => s.Name))
        {
            if (graph != position.Graph && CanResolveLocally(graph, rootType.Name, up.Field.Name, null)
                && LocalScore(graph, definition.NamedType, [selection]) == wanted)
            {
                return (up.Position, up.Field with { Children = [selection] });
            }
        }

        return null;
    }

    private void PlanRootFieldElsewhere(Position position, ClientField field)
    {
        var rootType = _supergraph.Type(position.ParentType)!;
        var definition = rootType.Field(field.Name)!;
        var graph = _supergraph.Subgraphs.Select(s => s.Name)
            .Where(g => g != position.Graph && CanResolveLocally(g, rootType.Name, field.Name, null))
            .OrderByDescending(g => LocalScore(g, definition.NamedType, field.Children))
            .FirstOrDefault()
            ?? throw Unsatisfiable(position, field.Name);
        var group = _groups.FirstOrDefault(g => !g.IsEntityFetch && g.Subgraph == graph && g.Segment == position.Group.Segment && g.Defer == position.Group.Defer)
            ?? NewGroup(graph, false, [], position.Group.Segment, position.Group.Defer);
        var rootPosition = new Position(group, group.Selections, rootType.Name, [], null, [], position.Reserved, position.Touched, position.JumpDepth + 1)
        {
            Guards = position.Guards,
            Defer = position.Group.Defer,
        };
        PlanFieldLocally(rootPosition, field, definition, JoinFieldIn(graph, definition));
    }

    private void FlattenRoot(
        IReadOnlyList<ClientSelection> selections,
        string rootTypeName,
        List<GraphQLDirectives> conditions,
        DeferBlock? defer,
        List<(ClientField, List<GraphQLDirectives>, DeferBlock?)> fields)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case ClientField field:
                    fields.Add((field, conditions, defer));
                    break;
                case ClientFragment fragment when fragment.TypeCondition is null || fragment.TypeCondition == rootTypeName:
                    {
                        var forwarded = ForwardedDirectives(fragment.Directives);
                        FlattenRoot(fragment.Children, rootTypeName, forwarded is null ? conditions : [.. conditions, forwarded], DeferBlockOf(fragment, [], rootTypeName, defer) ?? defer, fields);
                        break;
                    }
            }
        }
    }

    private string BestRootCandidate(List<string> candidates, string rootTypeName, ClientField field)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var returnType = _supergraph.Type(rootTypeName)!.Field(field.Name)!.NamedType;
        return candidates.OrderByDescending(g => LocalScore(g, returnType, field.Children)).First();
    }

    private FetchGroup NewGroup(string subgraph, bool isEntityFetch, IReadOnlyList<string> path, int segment, DeferBlock? defer)
    {
        var group = new FetchGroup(_groups.Count, subgraph, isEntityFetch, path, segment, defer);
        _groups.Add(group);
        return group;
    }

    /// <summary>A new deferred block when the fragment is <c>@defer</c>red (and deferring is on for this plan), else <c>null</c>.</summary>
    private DeferBlock? DeferBlockOf(ClientFragment fragment, IReadOnlyList<string> path, string parentType, DeferBlock? enclosing)
    {
        if (_deferAssumed is null || fragment.Source is null)
        {
            return null;
        }

        var (deferred, label) = DeferBlock.Of(fragment.Directives, _deferAssumed);
        if (!deferred)
        {
            return null;
        }

        var block = new DeferBlock(_deferBlocks.Count, label, path, parentType, new DeferredFragment(fragment.TypeCondition, fragment.Source), enclosing);
        _deferBlocks.Add(block);
        return block;
    }

    /// <summary>
    /// In a deferred fragment but writing into a fetch of the enclosing part: a field of an entity moves to an entity fetch
    /// of the deferred part (the same subgraph's included), so the primary part does not wait for it. True when it moved.
    /// </summary>
    private bool DeferredJump(Position position, ClientField field)
    {
        if (position.Defer is null || position.Group.Defer == position.Defer || field.AddedByPlanner || field.Name == "__typename"
            || _supergraph.Type(position.ParentType) is not { Kind: SupergraphTypeKind.Object })
        {
            return false;
        }

        var candidates = JumpTargets(position, field.Name, includeCurrent: true);
        if (!candidates.Any(c => !c.RewriteTypename && CanProvide(position.Graph, position.ParentType, c.Key.Selection, position.Provided)))
        {
            // No key to reach the object again: the field is fetched with the enclosing part and delivered with the deferred one.
            return false;
        }

        Jump(position, field, deferred: true);
        return true;
    }

    private void PlanSelections(Position position, IReadOnlyList<ClientSelection> selections)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case ClientField { Name: "__schema" or "__type" }:
                    break;
                case ClientField { Name: "__typename" } typename:
                    PlanTypename(position, typename);
                    break;
                case ClientField field:
                    PlanField(position, field);
                    break;
                case ClientFragment fragment:
                    PlanFragment(position, fragment);
                    break;
            }
        }
    }

    private void PlanTypename(Position position, ClientField field)
    {
        position = position.Guarded(field.Directives);
        var type = _supergraph.Type(position.ParentType);
        if (type is { Kind: SupergraphTypeKind.Interface } && type.IsInterfaceObjectIn(position.Graph))
        {
            // An @interfaceObject subgraph only knows the interface, so it would answer the interface's name.
            Jump(position, field);
            return;
        }

        Touch(position);
        position.Target.AddField(field.Alias, "__typename", null, ForwardedDirectives(field.Directives));
    }

    private void PlanField(Position position, ClientField field)
    {
        var parent = _supergraph.Type(position.ParentType)
            ?? throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Unknown type '{position.ParentType}'.");
        var definition = parent.Field(field.Name)
            ?? throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Cannot query field '{field.Name}' on type '{parent.Name}'.");
        if (IsAbstractIn(position.Graph, parent))
        {
            var possible = _supergraph.PossibleTypesIn(position.Graph, parent.Name);
            if (CanResolveLocally(position.Graph, parent.Name, field.Name, position.Provided)
                && possible.All(p => CanResolveLocally(position.Graph, p, field.Name, position.Provided)))
            {
                PlanFieldLocally(position, field, definition, JoinFieldIn(position.Graph, definition));
                return;
            }

            if (possible.Count == 0)
            {
                // No implementation here to expand into: another subgraph must take the field over through the
                // interface's key, or the field cannot be planned at all.
                Jump(position, field);
                return;
            }

            foreach (var possibleType in possible)
            {
                var fragment = position.Target.AddFragment(possibleType, null);
                PlanField(position with { Target = fragment.Selections, ParentType = possibleType }, field);
            }

            return;
        }

        if (DeferredJump(position, field))
        {
            return;
        }

        if (CanResolveLocally(position.Graph, parent.Name, field.Name, position.Provided) || IsRepresentationKeyField(position, parent, field.Name))
        {
            if (EntityFetchResolvingWholeField(position, parent, field, definition) is { } graph)
            {
                // Resolving the field here would need a further jump below it; an entity fetch already planned
                // at this path resolves all of it, so the field joins that fetch instead.
                Jump(position, field, graph);
                return;
            }

            PlanFieldLocally(position, field, definition, JoinFieldIn(position.Graph, definition));
        }
        else
        {
            Jump(position, field);
        }
    }

    /// <summary>A key field at the top of an entity fetch: the subgraph reads it from the representation it is given.</summary>
    private static bool IsRepresentationKeyField(Position position, SupergraphType parent, string fieldName) =>
        position.Group.IsEntityFetch && position.Enclosing is null && position.Path.Count == position.Group.Path.Count
        && IsKeyField(parent, position.Graph, fieldName);

    private string? EntityFetchResolvingWholeField(Position position, SupergraphType parent, ClientField field, SupergraphField definition)
    {
        if (field.Children is null || field.AddedByPlanner || parent.Kind != SupergraphTypeKind.Object)
        {
            return null;
        }

        var total = FieldCount(field.Children);
        if (LocalScore(position.Graph, definition.NamedType, field.Children) == total)
        {
            return null;
        }

        var pathKey = string.Join('.', position.Path);
        foreach (var group in _groups)
        {
            if (group.IsEntityFetch && group.Subgraph != position.Graph && group.PathKey == pathKey && group.Segment == position.Group.Segment && group.Defer == position.Defer
                && group.Dependencies.Count == 1 && group.Dependencies.Contains(position.Group)
                && CanResolveLocally(group.Subgraph, parent.Name, field.Name, null)
                && LocalScore(group.Subgraph, definition.NamedType, field.Children) == total
                && parent.InGraph(group.Subgraph)?.Keys.Any(k => k.Resolvable) == true)
            {
                return group.Subgraph;
            }
        }

        // Or a sibling field will need an entity fetch to a subgraph that resolves all of this field too.
        foreach (var sibling in FieldsOf(position.Level))
        {
            if (sibling == field || sibling.Name == "__typename" || parent.Field(sibling.Name) is null
                || CanResolveLocally(position.Graph, parent.Name, sibling.Name, position.Provided))
            {
                continue;
            }

            foreach (var target in JumpTargets(position, sibling.Name))
            {
                if (!target.RewriteTypename && target.EntityType == parent.Name
                    && CanResolveLocally(target.Graph, parent.Name, field.Name, null)
                    && LocalScore(target.Graph, definition.NamedType, field.Children) == total
                    && CanProvide(position.Graph, parent.Name, target.Key.Selection, position.Provided))
                {
                    return target.Graph;
                }
            }
        }

        return null;
    }

    private static IEnumerable<ClientField> FieldsOf(IReadOnlyList<ClientSelection>? selections)
    {
        foreach (var selection in selections ?? [])
        {
            switch (selection)
            {
                case ClientField field:
                    yield return field;
                    break;
                case ClientFragment fragment:
                    foreach (var inner in FieldsOf(fragment.Children))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    private static int FieldCount(IReadOnlyList<ClientSelection> selections)
    {
        var count = 0;
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case ClientField field when field.Name != "__typename":
                    count += 1 + (field.Children is null ? 0 : FieldCount(field.Children));
                    break;
                case ClientFragment fragment:
                    count += FieldCount(fragment.Children);
                    break;
            }
        }

        return count;
    }

    private void PlanFieldLocally(Position position, ClientField field, SupergraphField definition, FieldInGraph? joinField)
    {
        position = position.Guarded(field.Directives);
        Touch(position);
        var alias = field.AddedByPlanner ? PlannerAlias(position.Reserved, field.Name) : field.Alias;
        var responseName = alias ?? field.Name;
        var renamedBack = false;
        if (!position.Target.TryClaimResponseName(responseName, SubgraphTypeOf(definition, joinField)))
        {
            // Same response name, different type in this subgraph (sibling fragments on different types): the
            // subgraph would reject the operation, so the field is aliased and renamed back when the data arrives.
            var unique = position.Group.NextAlias(responseName);
            var rewritePath = position.Path.Skip(position.Group.Path.Count).Where(s => s != "@").ToList();
            rewritePath.Add("... on " + position.ParentType);
            rewritePath.Add(unique);
            position.Group.OutputRewrites.Add(new KeyRenamer(rewritePath, responseName));
            alias = unique;
            renamedBack = true;
        }

        var subgraphField = position.Target.AddField(alias, field.Name, field.Arguments, ForwardedDirectives(field.Directives));
        if (field.Children is null)
        {
            return;
        }

        var childType = SubgraphNamedType(definition, joinField, position.Graph);

        // A field aliased apart is renamed back as soon as its fetch returns, so later fetches find it under its name.
        var path = new List<string>(position.Path) { renamedBack ? responseName : subgraphField.ResponseName };
        for (var i = 0; i < SupergraphField.ListDepth(definition.Type); i++)
        {
            path.Add("@");
        }

        var provided = joinField?.Provides ?? ChildProvided(position.Provided, position.ParentType, field.Name);
        var child = new Position(
            position.Group,
            subgraphField.EnsureSelections(),
            childType,
            path,
            provided,
            [],
            field.AddedByPlanner ? NoReservedNames : ReservedNames(field.Children),
            position.Touched,
            position.JumpDepth)
        {
            Guards = position.Guards,
            Defer = position.Defer,
            Enclosing = (position, field),
            Level = field.Children,
        };
        if (_supergraph.Type(definition.NamedType) is { } type && IsAbstractIn(position.Graph, type))
        {
            // The client sees the supergraph's abstract type, so shaping needs each object's type even when this
            // subgraph declares the field with one of its members.
            child.Target.AddField(null, "__typename", null, null);
        }

        PlanSelections(child, field.Children);
    }

    /// <summary>
    /// The named type the subgraph declares for the field: a shared field may return one member of the supergraph's
    /// union or interface there, and selections below it must only use what that type allows.
    /// </summary>
    private string SubgraphNamedType(SupergraphField definition, FieldInGraph? joinField, string graph)
    {
        if (joinField?.TypeInGraph is not { } typeText)
        {
            return definition.NamedType;
        }

        var named = typeText.Trim('[', ']', '!', ' ');
        return named != definition.NamedType && _supergraph.Type(named) is { } type && type.ExistsIn(graph) ? named : definition.NamedType;
    }

    private static string SubgraphTypeOf(SupergraphField definition, FieldInGraph? joinField)
    {
        if (joinField?.TypeInGraph is { } type)
        {
            return type;
        }

        var text = new System.Text.StringBuilder();
        CompactPrinter.Type(definition.Type, text);
        return text.ToString();
    }

    private void PlanFragment(Position position, ClientFragment fragment)
    {
        position = position.Guarded(fragment.Directives);
        if (DeferBlockOf(fragment, position.Path, position.ParentType, position.Defer) is { } block)
        {
            position = position with { Defer = block };
        }

        var parent = _supergraph.Type(position.ParentType)!;
        var condition = fragment.TypeCondition ?? parent.Name;
        var conditionType = _supergraph.Type(condition)
            ?? throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"Unknown type '{condition}'.");
        var directives = ForwardedDirectives(fragment.Directives);

        if (condition == parent.Name || (!IsAbstractIn(position.Graph, parent) && IsSubtypeOrSame(parent.Name, condition)))
        {
            var flattened = position;
            if (directives is not null)
            {
                flattened = position with
                {
                    Target = position.Target.AddFragment(null, directives).Selections,
                    Conditions = [.. position.Conditions, directives],
                };
            }

            PlanSelections(flattened, fragment.Children);
            return;
        }

        if (!IsAbstractIn(position.Graph, parent))
        {
            if (parent.Kind == SupergraphTypeKind.Interface && IsSubtypeOrSame(condition, parent.Name))
            {
                // An implementation's fragment under an @interfaceObject: only a subgraph that knows the implementations can answer it.
                Jump(position, fragment);
            }

            return;
        }

        var possible = RuntimeTypesBelow(position, parent);
        var overlap = possible.Where(p => _supergraph.Satisfies(p, condition)).ToList();
        if (overlap.Count == 0)
        {
            return;
        }

        var conditions = directives is null ? position.Conditions : [.. position.Conditions, directives];
        // The abstract fragment goes to the subgraph as it is only when the subgraph agrees that every type it
        // covers here has that type: a type may implement an interface in the supergraph but not in this subgraph.
        if (conditionType.IsAbstract && conditionType.ExistsIn(position.Graph) && !conditionType.IsInterfaceObjectIn(position.Graph)
            && overlap.All(_supergraph.PossibleTypesIn(position.Graph, condition).Contains))
        {
            var abstractFragment = position.Target.AddFragment(condition, directives);
            PlanSelections(position with { Target = abstractFragment.Selections, ParentType = condition, Conditions = conditions }, fragment.Children);
            return;
        }

        foreach (var type in overlap)
        {
            var typed = position.Target.AddFragment(type, directives);
            PlanSelections(position with { Target = typed.Selections, ParentType = type, Conditions = conditions }, fragment.Children);
        }
    }

    /// <summary>
    /// The object types a value of the abstract type <paramref name="parent"/> can have at this position. Every
    /// subgraph that could have resolved the field leading here must return the same values, so only the types that
    /// all of them allow can occur, as Apollo's planner decides: fragments on the others are left out.
    /// </summary>
    private IReadOnlyList<string> RuntimeTypesBelow(Position position, SupergraphType parent)
    {
        var possible = _supergraph.PossibleTypesIn(position.Graph, parent.Name);
        if (position.Enclosing is not { } up || _supergraph.Type(up.Position.ParentType)?.Field(up.Field.Name) is not { } definition)
        {
            return possible;
        }

        IEnumerable<string> common = possible;
        foreach (var graph in GraphsResolving(up.Position, definition))
        {
            if (graph == position.Graph)
            {
                continue;
            }

            var declared = _supergraph.Type(SubgraphNamedType(definition, JoinFieldIn(graph, definition), graph));
            if (declared is null || !declared.ExistsIn(graph) || declared.IsInterfaceObjectIn(graph))
            {
                continue;
            }

            var allowed = _supergraph.PossibleTypesIn(graph, declared.Name);
            common = common.Where(allowed.Contains);
        }

        return [.. common];
    }

    /// <summary>
    /// The subgraphs that could resolve <paramref name="definition"/> at <paramref name="position"/>: any that
    /// resolves it when the parent is a root or an entity (reachable through its key), and otherwise only those
    /// that could also have resolved the value-type parent itself.
    /// </summary>
    private HashSet<string> GraphsResolving(Position position, SupergraphField definition)
    {
        var owner = _supergraph.Type(position.ParentType)!;
        HashSet<string> resolving;
        if (definition.JoinFields.Count > 0)
        {
            resolving = [.. definition.JoinFields.Where(j => j.Graph is not null && !j.External && !IsOverriddenAway(j)).Select(j => j.Graph!)];
        }
        else if (owner.OwnerGraph is not null)
        {
            // Join v0.1: a field without @join__field belongs to the type's owner.
            resolving = [owner.OwnerGraph];
        }
        else
        {
            resolving = [.. owner.Graphs.Keys];
        }

        var isRoot = owner.Name == _supergraph.QueryTypeName || owner.Name == _supergraph.MutationTypeName;
        var isEntity = owner.Graphs.Values.Any(g => g.Keys.Any(k => k.Resolvable));
        if (!isRoot && !isEntity)
        {
            if (position.Enclosing is { } up && _supergraph.Type(up.Position.ParentType)?.Field(up.Field.Name) is { } parentField)
            {
                var parentGraphs = GraphsResolving(up.Position, parentField);
                parentGraphs.Add(position.Graph);
                resolving.IntersectWith(parentGraphs);
            }
            else
            {
                resolving.IntersectWith([position.Graph]);
            }
        }

        return resolving;
    }

    /// <summary>Moves a selection the current subgraph cannot resolve to another subgraph through an entity key.</summary>
    private void Jump(Position position, ClientSelection selection, string? onlyGraph = null, bool deferred = false)
    {
        var fieldName = (selection as ClientField)?.Name;
        position = position.Guarded(selection switch
        {
            ClientField field => field.Directives,
            ClientFragment fragment => fragment.Directives,
            _ => null,
        });
        if (position.JumpDepth >= MaxJumpDepth)
        {
            throw Unsatisfiable(position, fieldName);
        }

        if (onlyGraph is null && !deferred && RootFieldElsewhereResolving(position, selection) is { } rootPosition)
        {
            // Asking another subgraph for the same root field runs in parallel with this fetch, where an entity
            // jump would wait for it.
            PlanRootFieldElsewhere(rootPosition.Position, rootPosition.Field);
            return;
        }

        var candidates = JumpTargets(position, fieldName, deferred);
        if (deferred)
        {
            candidates.RemoveAll(c => c.RewriteTypename || !CanProvide(position.Graph, position.ParentType, c.Key.Selection, position.Provided));
        }

        if (onlyGraph is not null)
        {
            candidates.RemoveAll(c => c.Graph != onlyGraph);
        }

        // A value type here but an entity elsewhere: when this subgraph cannot give the key fields (and has no key of
        // its own to fetch them through), fetching the enclosing field again from another subgraph is the way out.
        var noKeyFromHere = candidates.Count > 0 && position.Enclosing is not null
            && _supergraph.Type(position.ParentType) is { Kind: SupergraphTypeKind.Object } parentType
            && parentType.InGraph(position.Graph) is { Keys.Count: 0 }
            && !candidates.Any(c => CanProvide(position.Graph, position.ParentType, c.Key.Selection, position.Provided));
        if (candidates.Count == 0 || noKeyFromHere)
        {
            if (position.Enclosing is { } up && _supergraph.Type(position.ParentType)?.Kind != SupergraphTypeKind.Interface)
            {
                var (enclosing, via) = up;
                // A value type (no key) cannot be fetched on its own: fetch the enclosing field again, with
                // this selection below it, from a subgraph that can take over the enclosing object.
                Jump(enclosing with { JumpDepth = position.JumpDepth + 1 }, via with { Children = [selection] });
                return;
            }

            if (position.Enclosing is null && position.Path.Count == 0 && !position.Group.IsEntityFetch
                && _operation.Operation != OperationType.Mutation && selection is ClientField rootField)
            {
                // A root field several subgraphs resolve (@shareable) whose selections no single one covers, below a
                // value type: ask another subgraph for the same root field with the selections it can resolve.
                PlanRootFieldElsewhere(position, rootField);
                return;
            }

            throw Unsatisfiable(position, fieldName);
        }

        var target = ChooseJumpTarget(position, candidates, selection as ClientField);
        var touched = new HashSet<FetchGroup>();
        // Keys and requirements are read from the fetch being left, so they belong to its part of the response.
        var requirementPosition = position with { Touched = touched, JumpDepth = position.JumpDepth + 1, Defer = position.Group.Defer };

        var inputs = new List<InputSelection> { new InputField("__typename") };
        inputs.AddRange(InputsFor(target.Key.Selection, position.Reserved));
        if (KeyAlreadyInResponse(position, target, inputs))
        {
            // The fetch being left was sent this key in its representations: it is in the response already, so the
            // new fetch reads it where that fetch did and need not wait for it.
            foreach (var dependency in position.Group.Dependencies)
            {
                Touch(requirementPosition with { Group = dependency });
            }
        }
        else
        {
            Touch(requirementPosition);
            position.Target.AddField(null, "__typename", null, null);
            PlanSelections(requirementPosition, ClientSelections.FromFieldSet(target.Key.Selection));
        }

        FieldInGraph? targetJoinField = null;
        var ownRepresentations = false;
        if (fieldName is not null && fieldName != "__typename")
        {
            targetJoinField = JoinFieldIn(target.Graph, _supergraph.Type(target.EntityType)!.Field(fieldName)!);
            if (targetJoinField?.Requires is { } requires)
            {
                var requirementNames = position.Reserved;
                var conflicts = ConflictingRequirements(position, requires);
                if (conflicts.Count > 0)
                {
                    // Another requirement already fetches these fields with other arguments: this one reads them
                    // under planner aliases, and its entity fetch gets representations of its own.
                    var reserved = new Dictionary<string, string>(position.Reserved);
                    foreach (var name in conflicts)
                    {
                        reserved[name] = PlannerAliasPrefix + name;
                    }

                    requirementNames = reserved;
                    ownRepresentations = true;
                }

                PlanSelections(requirementPosition with { Reserved = requirementNames }, ClientSelections.FromFieldSet(requires));
                foreach (var input in InputsFor(requires, requirementNames))
                {
                    if (!inputs.Contains(input))
                    {
                        inputs.Add(input);
                    }
                }
            }
        }

        var contextValues = new List<(ContextArgument Argument, int Steps, IReadOnlyList<string> ValuePath)>();
        foreach (var argument in targetJoinField?.ContextArguments ?? [])
        {
            contextValues.Add(PlanContextValue(position, requirementPosition, argument, fieldName!));
        }

        var group = ownRepresentations
            ? NewEntityGroup(target.Graph, position.Path, touched, position.Group.Segment, position.Defer)
            : EntityGroup(target.Graph, position.Path, touched, position.Group.Segment, position.Defer);
        if (contextValues.Count > 0 && selection is ClientField contextual)
        {
            var arguments = new List<GraphQLArgument>(contextual.Arguments?.Items ?? []);
            foreach (var (argument, steps, valuePath) in contextValues)
            {
                var variable = group.ContextVariable(argument.Type, steps, valuePath);
                arguments.Add(new GraphQLArgument(new GraphQLName(argument.Name), new GraphQLVariable(new GraphQLName(variable))));
            }

            selection = contextual with { Arguments = new GraphQLArguments(arguments) };
        }

        group.AddRequires(position.ParentType, inputs);
        if (target.RewriteTypename)
        {
            group.AddInputRewrite(new ValueSetter(["... on " + position.ParentType, "__typename"], target.EntityType));
        }

        var childTarget = group.Selections.AddFragment(target.EntityType, null).Selections;
        foreach (var condition in position.Conditions)
        {
            childTarget = childTarget.AddFragment(null, condition).Selections;
        }

        var child = new Position(group, childTarget, target.EntityType, position.Path, null, [], position.Reserved, position.Touched, position.JumpDepth + 1)
        {
            Guards = position.Guards,
            Defer = position.Defer,
        };
        var entityType = _supergraph.Type(target.EntityType)!;
        if (IsAbstractIn(target.Graph, entityType))
        {
            Touch(child);
            childTarget.AddField(null, "__typename", null, null);
        }

        switch (selection)
        {
            case ClientField { Name: "__typename" } typename:
                PlanTypename(child, typename);
                break;
            case ClientField field when targetJoinField?.Requires is not null || targetJoinField?.ContextArguments.Count > 0:
                PlanFieldLocally(child, field, entityType.Field(field.Name)!, targetJoinField);
                break;
            case ClientField field:
                PlanField(child, field);
                break;
            case ClientFragment fragment:
                PlanFragment(child, fragment);
                break;
        }
    }

    /// <summary>
    /// True when jumping from the top of an entity fetch to another subgraph through a key that fetch's representations
    /// already hold: the fetches that produced the representations put the key in the response at this path.
    /// </summary>
    private static bool KeyAlreadyInResponse(Position position, JumpTarget target, List<InputSelection> keyInputs) =>
        position.Group.IsEntityFetch && position.Enclosing is null && position.Path.Count == position.Group.Path.Count
        && target.Graph != position.Graph && !target.RewriteTypename && position.Group.Dependencies.Count > 0
        && position.Group.Represents(position.ParentType, keyInputs);

    private List<JumpTarget> JumpTargets(Position position, string? fieldName, bool includeCurrent = false)
    {
        var type = _supergraph.Type(position.ParentType)!;
        var result = new List<JumpTarget>();
        var order = 0;
        foreach (var graph in _supergraph.Subgraphs.Select(s => s.Name))
        {
            if (type.Kind == SupergraphTypeKind.Object)
            {
                if (fieldName is not null && CanResolveInEntity(graph, type.Name, fieldName)
                    && (graph != position.Graph || includeCurrent || RequiresIn(graph, type, fieldName)))
                {
                    AddKeys(result, graph, type, type, false, ref order);
                }

                foreach (var interfaceName in type.Interfaces)
                {
                    var iface = _supergraph.Type(interfaceName);
                    if (iface is not null && iface.IsInterfaceObjectIn(graph) && fieldName is not null && fieldName != "__typename" && CanResolveInEntity(graph, interfaceName, fieldName))
                    {
                        AddKeys(result, graph, type, iface, true, ref order);
                    }
                }
            }
            else if (type.Kind == SupergraphTypeKind.Interface && graph != position.Graph && type.InGraph(graph) is { } inGraph)
            {
                var resolves = fieldName is null or "__typename"
                    ? !inGraph.IsInterfaceObject
                    : CanResolveInEntity(graph, type.Name, fieldName)
                      || (!inGraph.IsInterfaceObject && _supergraph.PossibleTypesIn(graph, type.Name).All(p => CanResolveInEntity(graph, p, fieldName)));
                if (resolves)
                {
                    AddKeys(result, graph, type, type, false, ref order);
                }
            }
        }

        if (result.Count == 0 && type.Kind == SupergraphTypeKind.Interface && fieldName is not null)
        {
            // No subgraph resolves the field on the interface object itself: go through a subgraph that knows the
            // implementations, which then jumps per implementation.
            foreach (var graph in _supergraph.Subgraphs.Select(s => s.Name))
            {
                if (graph != position.Graph && type.InGraph(graph) is { IsInterfaceObject: false })
                {
                    AddKeys(result, graph, type, type, false, ref order);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Plans a <c>@fromContext</c> argument's selection on the nearest ancestor that sets its context, and says where the
    /// executor finds the value: how many path segments above the entity, under which response names.
    /// </summary>
    private (ContextArgument Argument, int Steps, IReadOnlyList<string> ValuePath) PlanContextValue(Position position, Position requirementPosition, ContextArgument argument, string fieldName)
    {
        var up = position.Enclosing;
        while (up is { } enclosing)
        {
            var ancestor = enclosing.Position;
            if (_supergraph.Type(ancestor.ParentType) is { } type
                && (type.Contexts.Contains(argument.Context) || _supergraph.PossibleTypesIn(ancestor.Graph, type.Name).Any(p => _supergraph.Type(p)?.Contexts.Contains(argument.Context) == true)))
            {
                var reading = ancestor with { Touched = requirementPosition.Touched, JumpDepth = requirementPosition.JumpDepth, Defer = ancestor.Group.Defer, Guards = requirementPosition.Guards };
                PlanSelections(reading, ClientSelections.FromFieldSet(argument.Selection));
                var valuePath = new List<string>();
                var inputs = InputsFor(argument.Selection, ancestor.Reserved);
                while (inputs.Count == 1 && inputs[0] is InputField field)
                {
                    valuePath.Add(field.ResponseName);
                    if (field.Selections is not { Count: 1 } inner)
                    {
                        break;
                    }

                    inputs = [.. inner];
                }

                return (argument, position.Path.Count - ancestor.Path.Count, valuePath);
            }

            up = ancestor.Enclosing;
        }

        throw new QueryPlanningException(
            QueryPlanningException.Unsatisfiable,
            $"'{position.ParentType}.{fieldName}' takes '{argument.Name}' from context '{argument.Context}', which no enclosing selection of this operation sets.");
    }

    private static bool RequiresIn(string graph, SupergraphType type, string fieldName) =>
        type.Field(fieldName) is { } field && JoinFieldIn(graph, field) is { } joinField
        && (joinField.Requires is not null || joinField.ContextArguments.Count > 0);

    private static void AddKeys(List<JumpTarget> result, string graph, SupergraphType sourceType, SupergraphType entityType, bool rewrite, ref int order)
    {
        if (entityType.InGraph(graph) is not { } inGraph)
        {
            return;
        }

        foreach (var key in inGraph.Keys.Where(k => k.Resolvable))
        {
            result.Add(new JumpTarget(graph, entityType.Name, key, rewrite && sourceType.Name != entityType.Name, order++));
        }
    }

    private JumpTarget ChooseJumpTarget(Position position, List<JumpTarget> candidates, ClientField? field)
    {
        string? returnType = null;
        if (field is not null && field.Name != "__typename")
        {
            returnType = _supergraph.Type(position.ParentType)?.Field(field.Name)?.NamedType;
        }

        return candidates
            .OrderByDescending(c => CanProvide(position.Graph, position.ParentType, c.Key.Selection, position.Provided))
            .ThenByDescending(c => _groups.Any(g => g.IsEntityFetch && g.Subgraph == c.Graph && g.PathKey == string.Join('.', position.Path) && g.Dependencies.Contains(position.Group)))
            .ThenByDescending(c => returnType is null ? 0 : LocalScore(c.Graph, returnType, field!.Children))
            .ThenBy(c => c.Order)
            .First();
    }

    /// <summary>
    /// The top-level fields of a requirement that clash with what this selection already holds under the same response
    /// name (other arguments, at the top or anywhere below), or with what the client selects here below the same field.
    /// </summary>
    private static List<string> ConflictingRequirements(Position position, GraphQLSelectionSet requires)
    {
        var conflicts = new List<string>();
        foreach (var selection in requires.Selections)
        {
            if (selection is not GraphQLField field || field.Alias is not null)
            {
                continue;
            }

            var name = field.Name.StringValue;
            var responseName = PlannerAlias(position.Reserved, name) ?? name;
            if (ClashesWithPlanned(position.Target, field, responseName) || ClashesBelowClientField(position.Level, field, responseName))
            {
                conflicts.Add(name);
            }
        }

        return conflicts;
    }

    /// <summary>True when a field of the selection set with the response name has other arguments, or a clash below.</summary>
    private static bool ClashesWithPlanned(SubgraphSelectionSet target, GraphQLField field, string responseName)
    {
        var signature = SubgraphField.SignatureOf(field.Name.StringValue, field.Arguments, null);
        foreach (var item in target.Items)
        {
            switch (item)
            {
                case SubgraphField existing when existing.ResponseName == responseName:
                    if (SubgraphField.SignatureOf(existing.Name, existing.Arguments, null) != signature
                        || (existing.Selections is { } below && FieldsOf(field.SelectionSet).Any(child => ClashesWithPlanned(below, child, child.Name.StringValue))))
                    {
                        return true;
                    }

                    break;
                case SubgraphInlineFragment fragment when ClashesWithPlanned(fragment.Selections, field, responseName):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the client selects the field here with the same arguments and, below it, a field of the requirement under
    /// the same response name with other arguments. (Other arguments at the top are kept apart by planner aliases already.)
    /// </summary>
    private static bool ClashesBelowClientField(IReadOnlyList<ClientSelection>? level, GraphQLField field, string responseName)
    {
        var signature = SubgraphField.SignatureOf(field.Name.StringValue, field.Arguments, null);
        return FieldsOf(level).Any(client => !client.AddedByPlanner && client.ResponseName == responseName
            && SubgraphField.SignatureOf(client.Name, client.Arguments, null) == signature
            && FieldsOf(field.SelectionSet).Any(child => ClashesWithClient(client.Children, child)));
    }

    private static bool ClashesWithClient(IReadOnlyList<ClientSelection>? level, GraphQLField field)
    {
        var name = field.Name.StringValue;
        var signature = SubgraphField.SignatureOf(name, field.Arguments, null);
        return FieldsOf(level).Any(client => client.ResponseName == name
            && (SubgraphField.SignatureOf(client.Name, client.Arguments, null) != signature
                || FieldsOf(field.SelectionSet).Any(child => ClashesWithClient(client.Children, child))));
    }

    /// <summary>The fields of a requirement's selection set, those inside its inline fragments included.</summary>
    private static IEnumerable<GraphQLField> FieldsOf(GraphQLSelectionSet? selections)
    {
        foreach (var selection in selections?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment fragment:
                    foreach (var inner in FieldsOf(fragment.SelectionSet))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    private FetchGroup NewEntityGroup(string graph, IReadOnlyList<string> path, HashSet<FetchGroup> dependencies, int segment, DeferBlock? defer)
    {
        var created = NewGroup(graph, true, path, segment, defer);
        created.Dependencies.UnionWith(dependencies);
        return created;
    }

    /// <summary>Finds an entity fetch to the subgraph at the path that may wait for <paramref name="dependencies"/>, or starts one.</summary>
    private FetchGroup EntityGroup(string graph, IReadOnlyList<string> path, HashSet<FetchGroup> dependencies, int segment, DeferBlock? defer)
    {
        var pathKey = string.Join('.', path);
        foreach (var group in _groups)
        {
            if (!group.IsEntityFetch || group.Subgraph != graph || group.PathKey != pathKey || group.Segment != segment || group.Defer != defer || dependencies.Contains(group))
            {
                continue;
            }

            if (dependencies.Any(d => DependsOn(d, group)))
            {
                continue;
            }

            group.Dependencies.UnionWith(dependencies);
            return group;
        }

        var created = NewGroup(graph, true, path, segment, defer);
        created.Dependencies.UnionWith(dependencies);
        return created;
    }

    private static bool DependsOn(FetchGroup group, FetchGroup on)
    {
        var seen = new HashSet<FetchGroup>();
        var pending = new Stack<FetchGroup>(group.Dependencies);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next == on)
            {
                return true;
            }

            if (seen.Add(next))
            {
                foreach (var dependency in next.Dependencies)
                {
                    pending.Push(dependency);
                }
            }
        }

        return false;
    }

    private static void Touch(Position position)
    {
        position.Touched?.Add(position.Group);
        position.Group.UsedUnder(position.Guards);
    }

    private QueryPlanningException Unsatisfiable(Position position, string? fieldName) =>
        new(QueryPlanningException.Unsatisfiable, fieldName is null
            ? $"No subgraph can resolve a fragment on '{position.ParentType}' from subgraph '{position.Graph}'."
            : $"No subgraph can resolve '{position.ParentType}.{fieldName}' from subgraph '{position.Graph}'.");
}
