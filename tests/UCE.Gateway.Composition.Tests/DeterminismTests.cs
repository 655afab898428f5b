namespace UCE.Gateway.Composition.Tests;

public sealed class DeterminismTests
{
    public static IEnumerable<object[]> ValidCases => CorpusCase.All("valid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Composing_twice_gives_identical_bytes(string name)
    {
        var subgraphs = CorpusCase.Load("valid", name).Subgraphs;

        var first = SupergraphComposer.Compose(subgraphs).SupergraphSdl;
        var second = SupergraphComposer.Compose(subgraphs).SupergraphSdl;

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Subgraph_input_order_does_not_change_the_supergraph(string name)
    {
        var subgraphs = CorpusCase.Load("valid", name).Subgraphs;

        var inOrder = SupergraphComposer.Compose(subgraphs).SupergraphSdl;
        var reversed = SupergraphComposer.Compose(subgraphs.Reverse().ToList()).SupergraphSdl;

        Assert.NotNull(inOrder);
        Assert.Equal(inOrder, reversed);
    }
}
