namespace UCE.Gateway.Composition.Tests;

public sealed class RobustnessTests
{
    public static IEnumerable<object[]> AllCases =>
        CorpusCase.All("valid").Select(c => new object[] { "valid", c[0] })
            .Concat(CorpusCase.All("invalid").Select(c => new object[] { "invalid", c[0] }));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Dropping_any_subgraph_gives_a_result_not_an_exception(string kind, string name)
    {
        var subgraphs = CorpusCase.Load(kind, name).Subgraphs;

        for (var dropped = 0; dropped < subgraphs.Count; dropped++)
        {
            var rest = subgraphs.Where((_, i) => i != dropped).ToList();
            var result = SupergraphComposer.Compose(rest);
            Assert.True(result.Succeeded || result.Errors.Count > 0);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Truncated_sdl_gives_errors_not_an_exception(string kind, string name)
    {
        var subgraphs = CorpusCase.Load(kind, name).Subgraphs;

        foreach (var fraction in new[] { 0.25, 0.5, 0.9 })
        {
            var truncated = subgraphs.Select(s => s with { Sdl = s.Sdl[..(int)(s.Sdl.Length * fraction)] }).ToList();
            var result = SupergraphComposer.Compose(truncated);
            Assert.True(result.Succeeded || result.Errors.Count > 0);
        }
    }
}
