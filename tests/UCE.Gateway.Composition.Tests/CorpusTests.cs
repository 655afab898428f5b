namespace UCE.Gateway.Composition.Tests;

public sealed class CorpusTests
{
    public static IEnumerable<object[]> ValidCases => CorpusCase.All("valid");

    public static IEnumerable<object[]> InvalidCases => CorpusCase.All("invalid");

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_subgraph_set_composes_to_the_supergraph_Apollo_produces(string name)
    {
        var corpusCase = CorpusCase.Load("valid", name);

        var result = SupergraphComposer.Compose(corpusCase.Subgraphs);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(SupergraphNormalizer.Normalize(corpusCase.ExpectedSupergraph), SupergraphNormalizer.Normalize(result.SupergraphSdl!));
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_subgraph_set_composes_to_the_same_bytes_as_Apollo(string name)
    {
        var corpusCase = CorpusCase.Load("valid", name);

        var result = SupergraphComposer.Compose(corpusCase.Subgraphs);

        Assert.Equal(corpusCase.ExpectedSupergraph, result.SupergraphSdl);
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_subgraph_set_gives_the_hints_Apollo_gives_for_every_hint_code_reported_here(string name)
    {
        var corpusCase = CorpusCase.Load("valid", name);

        var result = SupergraphComposer.Compose(corpusCase.Subgraphs);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(
            corpusCase.ExpectedHints.Where(h => HintCodes.Reported.Contains(h[..h.IndexOf(':', StringComparison.Ordinal)])).Order(StringComparer.Ordinal),
            result.Hints.Select(h => h.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_subgraph_set_fails_with_the_same_error_codes_as_many_times_as_Apollo(string name)
    {
        var corpusCase = CorpusCase.Load("invalid", name);

        var result = SupergraphComposer.Compose(corpusCase.Subgraphs);

        Assert.False(result.Succeeded, "composition succeeded but Apollo rejects this set");
        Assert.Equal(
            corpusCase.ExpectedErrorCodes.Order(StringComparer.Ordinal),
            result.Errors.Select(e => e.Code).Order(StringComparer.Ordinal));
    }
}
