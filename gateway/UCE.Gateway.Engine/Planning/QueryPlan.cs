using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>What to fetch from which subgraph, and in which order, to answer one operation.</summary>
/// <param name="Operation">Query, mutation or subscription.</param>
/// <param name="Root">The first node to run; <c>null</c> when the gateway answers alone (only <c>__typename</c> or introspection).</param>
public sealed record QueryPlan(OperationType Operation, PlanNode? Root);

/// <summary>A step of a query plan.</summary>
public abstract record PlanNode;

/// <summary>Runs its nodes one after another (a later one reads what an earlier one fetched).</summary>
public sealed record SequenceNode(IReadOnlyList<PlanNode> Nodes) : PlanNode;

/// <summary>Runs its nodes concurrently.</summary>
public sealed record ParallelNode(IReadOnlyList<PlanNode> Nodes) : PlanNode;

/// <summary>
/// Runs <paramref name="Node"/> (an entity fetch) for every object found at <paramref name="Path"/> in the
/// data fetched so far. Path segments are response names; <c>@</c> steps into every element of a list.
/// </summary>
public sealed record FlattenNode(IReadOnlyList<string> Path, PlanNode Node) : PlanNode;

/// <summary>Runs one branch depending on a Boolean variable (<c>@skip</c>/<c>@include</c> decided at run time).</summary>
public sealed record ConditionNode(string Variable, PlanNode? IfTrue, PlanNode? IfFalse) : PlanNode;

/// <summary>
/// Incremental delivery (<c>@defer</c>): <paramref name="Primary"/> answers the operation without its deferred fragments;
/// each of <paramref name="Deferred"/> runs as soon as the fetches it reads have run (possibly while the primary part is
/// still fetching) and is delivered apart, after the primary part.
/// </summary>
public sealed record DeferNode(PlanNode? Primary, IReadOnlyList<DeferredNode> Deferred) : PlanNode
{
    /// <summary>How many fetches of the plan have an <see cref="FetchNode.Id"/> (ids run from 0); set on the outermost node.</summary>
    public int FetchIds { get; init; }
}

/// <summary>
/// One deferred fragment: the fetches it needs beyond the primary part (<c>null</c> when the primary part fetched all of
/// it), delivered for every object at <paramref name="Path"/>. <paramref name="Node"/> is itself a <see cref="DeferNode"/>
/// when deferred fragments are nested in this one.
/// </summary>
public sealed record DeferredNode(string? Label, IReadOnlyList<string> Path, string ParentType, DeferredFragment Fragment, PlanNode? Node)
{
    /// <summary>
    /// The <see cref="FetchNode.Id"/>s of the fetches outside this fragment (in the primary part or in the fragment this
    /// one is nested in) whose results its fetches read: it may start once they have run.
    /// </summary>
    public IReadOnlyList<int> Depends { get; init; } = [];
}

/// <summary>The client's deferred fragment: its type condition (if any) and selections, shaped into the deferred part.</summary>
public sealed record DeferredFragment(string? TypeCondition, GraphQLSelectionSet Selections);

/// <summary>
/// One request to one subgraph.
/// </summary>
/// <param name="Subgraph">The subgraph's name (the <c>name</c> of its <c>@join__graph</c>).</param>
/// <param name="Document">The operation sent to the subgraph.</param>
/// <param name="OperationName">The name given to that operation, if any.</param>
/// <param name="VariableUsages">The client variables this fetch forwards (and no others).</param>
/// <param name="Requires">
/// For an entity fetch: how to build each representation from an object found at the flatten path
/// (inline fragments by type, then fields); objects whose <c>__typename</c> matches no fragment are skipped.
/// The representations are passed as the <c>$representations</c> variable of an <c>_entities</c> query.
/// <c>null</c> for a root fetch, whose result merges into the root object.
/// </param>
/// <param name="InputRewrites">Changes applied to each representation before it is sent (e.g. <c>__typename</c> of an <c>@interfaceObject</c>).</param>
/// <param name="OutputRewrites">Changes applied to each returned entity before it is merged.</param>
public sealed record FetchNode(
    string Subgraph,
    string Document,
    string? OperationName,
    IReadOnlyList<string> VariableUsages,
    IReadOnlyList<InputSelection>? Requires,
    IReadOnlyList<FetchRewrite> InputRewrites,
    IReadOnlyList<FetchRewrite> OutputRewrites) : PlanNode
{
    /// <summary>True for an <c>_entities</c> fetch.</summary>
    public bool IsEntityFetch => Requires is not null;

    /// <summary>
    /// <c>@fromContext</c> arguments: variables of the subgraph operation whose values are read, per entity, from an
    /// ancestor of the object at the flatten path; entities with different values go in different requests.
    /// </summary>
    public IReadOnlyList<ContextValue> ContextValues { get; init; } = [];

    /// <summary>Set when a deferred fragment's fetches read this fetch's results: the id they name it by in <see cref="DeferredNode.Depends"/>.</summary>
    public int? Id { get; init; }
}

/// <summary>
/// The value of <paramref name="Variable"/>: found <paramref name="Steps"/> path segments above the entity's object (the
/// ancestor that sets the context), under the response names <paramref name="ValuePath"/>.
/// </summary>
public sealed record ContextValue(string Variable, string Type, int Steps, IReadOnlyList<string> ValuePath);

/// <summary>A part of a representation's shape.</summary>
public abstract record InputSelection;

/// <summary>
/// A field copied into the representation under <paramref name="Name"/>, read from the data under
/// <paramref name="ResponseName"/> (they differ when the fetch that produced it had to alias it).
/// </summary>
public sealed record InputField(string Name, string ResponseName, IReadOnlyList<InputSelection>? Selections) : InputSelection
{
    public InputField(string name, IReadOnlyList<InputSelection>? selections = null)
        : this(name, name, selections)
    {
    }
}

/// <summary>Selections that apply only when the object's <c>__typename</c> is <paramref name="TypeCondition"/> (or one of its possible types).</summary>
public sealed record InputFragment(string TypeCondition, IReadOnlyList<InputSelection> Selections) : InputSelection;

/// <summary>A change to a representation or an entity; <paramref name="Path"/> starts with <c>... on Type</c> and names fields below it.</summary>
public abstract record FetchRewrite(IReadOnlyList<string> Path);

/// <summary>Sets the value at the path (e.g. <c>__typename</c> to an interface name).</summary>
public sealed record ValueSetter(IReadOnlyList<string> Path, string Value) : FetchRewrite(Path);

/// <summary>Renames the key at the path.</summary>
public sealed record KeyRenamer(IReadOnlyList<string> Path, string RenameKeyTo) : FetchRewrite(Path);
