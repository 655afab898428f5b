using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>Short constructors for the plan nodes tests write by hand.</summary>
public static class PlanSteps
{
    public static FetchNode Root(string subgraph, string document, params string[] variableUsages) =>
        new(subgraph, document, null, variableUsages, null, [], []);

    /// <summary>An <c>_entities</c> fetch of <paramref name="selection"/> on <paramref name="type"/>, keyed by <paramref name="keyFields"/>.</summary>
    public static FetchNode Entities(string subgraph, string type, string[] keyFields, string selection, params string[] variableUsages)
    {
        var requires = new List<InputSelection> { new InputField("__typename") };
        requires.AddRange(keyFields.Select(field => new InputField(field)));
        var variables = string.Concat(variableUsages.Select(v => $", ${v}: Boolean"));
        return new FetchNode(
            subgraph,
            $"query($representations: [_Any!]!{variables}) {{ _entities(representations: $representations) {{ ... on {type} {selection} }} }}",
            null,
            variableUsages,
            [new InputFragment(type, requires)],
            [],
            []);
    }

    public static FlattenNode Flatten(string path, PlanNode node) => new(path.Split('.'), node);

    public static SequenceNode Sequence(params PlanNode[] nodes) => new(nodes);

    public static ParallelNode Parallel(params PlanNode[] nodes) => new(nodes);
}
