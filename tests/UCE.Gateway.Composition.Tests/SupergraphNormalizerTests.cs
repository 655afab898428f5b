namespace UCE.Gateway.Composition.Tests;

public sealed class SupergraphNormalizerTests
{
    private static readonly string Supergraph = CorpusCase.Load("valid", "external-requires").ExpectedSupergraph;

    [Fact]
    public void Reordering_types_and_directives_keeps_the_normalized_form()
    {
        var reordered = Supergraph.Replace(
            "@join__type(graph: INVENTORY, key: \"upc\")\n  @join__type(graph: PRODUCTS, key: \"upc\")",
            "@join__type(graph: PRODUCTS, key: \"upc\")\n  @join__type(graph: INVENTORY, key: \"upc\")",
            StringComparison.Ordinal);

        Assert.NotEqual(Supergraph, reordered);
        Assert.Equal(SupergraphNormalizer.Normalize(Supergraph), SupergraphNormalizer.Normalize(reordered));
    }

    [Fact]
    public void A_missing_join_field_changes_the_normalized_form()
    {
        var changed = Supergraph.Replace(" @join__field(graph: INVENTORY, requires: \"price weight\")", "", StringComparison.Ordinal);

        Assert.NotEqual(Supergraph, changed);
        Assert.NotEqual(SupergraphNormalizer.Normalize(Supergraph), SupergraphNormalizer.Normalize(changed));
    }

    [Fact]
    public void A_changed_argument_default_changes_the_normalized_form()
    {
        var original = CorpusCase.Load("valid", "default-values").ExpectedSupergraph;
        var changed = original.Replace("ratio: Float = 1.5", "ratio: Float = 2.5", StringComparison.Ordinal);

        Assert.NotEqual(original, changed);
        Assert.NotEqual(SupergraphNormalizer.Normalize(original), SupergraphNormalizer.Normalize(changed));
    }
}
