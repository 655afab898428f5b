using UCE.Service.Knowledge;
using UCE.Service.Knowledge.Search;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>What both stores index and search: Markdown turned into plain text, and a reader's search turned into words.</summary>
public sealed class KnowledgeTextTests
{
    [Fact]
    public void Markdown_markup_is_left_out_of_the_indexed_text()
    {
        const string markdown = """
            ## Charges
            - **Customer charge**: see [the rates](https://example.invalid/rates) and `code`.
            | period | price |
            | --- | --- |
            | peak | *highest* |
            Open a REGULATORY_COMPLAINT case.
            """;

        Assert.Equal(
            "Charges\nCustomer charge: see the rates and code.\nperiod  price\npeak  highest\nOpen a REGULATORY_COMPLAINT case.",
            MarkdownPlainText.From(markdown));
    }

    [Theory]
    [InlineData("How do I pay my bill?", "pay & bill", "(\"pay\" AND \"bill\")")]
    [InlineData("\"late payment\" -fee", "(late <-> payment) & !fee", "(\"late payment\") NOT (\"fee\")")]
    [InlineData("title:bill* OR (pay)", "title & bill & pay", "(\"title\" AND \"bill\" AND \"pay\")")]
    [InlineData("'; DROP TABLE x; --", "drop & table & x", "(\"drop\" AND \"table\" AND \"x\")")]
    [InlineData("30-day e-mail", "30 & day & e & mail", "(\"30\" AND \"day\" AND \"e\" AND \"mail\")")]
    public void A_search_becomes_words_in_both_query_languages(string typed, string tsquery, string fts5)
    {
        var query = KnowledgeQuery.Parse(typed);

        Assert.Equal(tsquery, query.ToPostgresTsQuery());
        Assert.Equal(fts5, query.ToFts5Match());
    }

    [Fact]
    public void A_case_text_becomes_a_search_for_any_of_its_first_words()
    {
        var query = KnowledgeQuery.AnyWordOf("The smart thermostat shows offline in the app since the last update.", maxWords: 4)!;

        Assert.Equal("smart | thermostat | shows | offline", query.ToPostgresTsQuery());
        Assert.Equal("(\"smart\" OR \"thermostat\" OR \"shows\" OR \"offline\")", query.ToFts5Match());
        Assert.Null(KnowledgeQuery.AnyWordOf("the and of"));
    }

    [Fact]
    public void Highlights_escape_the_text_and_keep_only_their_own_marks()
    {
        var marked = $"a {KnowledgeHighlight.Start}bill{KnowledgeHighlight.Stop} <b>&\n  \"x\" {KnowledgeHighlight.Start}open";

        Assert.Equal("a <mark>bill</mark> &lt;b&gt;&amp; &quot;x&quot; <mark>open</mark>", KnowledgeHighlight.ToHtml(marked));
    }
}
