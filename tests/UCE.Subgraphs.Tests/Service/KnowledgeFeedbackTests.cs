using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>"Was this article helpful?": counts, one rating per known reader, refusals leave the counts unchanged.</summary>
public sealed class KnowledgeFeedbackTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    private const string Rate = """
        mutation($input: RateKnowledgeArticleInput!) { rateKnowledgeArticle(input: $input) { article { id helpfulCount notHelpfulCount } } }
        """;

    private const string Counts = "query($id: ID!) { knowledgeArticle(id: $id) { helpfulCount notHelpfulCount } }";

    [Fact]
    public async Task Ratings_are_counted_and_a_known_reader_rating_again_replaces_their_answer()
    {
        const string id = "kb-0020";
        Assert.Equal((0, 0), await CountsAsync(id));

        await RateAsync(TestCallers.Anonymous, id, helpful: true);
        await RateAsync(TestCallers.Anonymous, id, helpful: true);
        await RateAsync(TestCallers.Customer("cus-000005"), id, helpful: true, "Clear steps, thank you.");
        await RateAsync(TestCallers.Customer("cus-000005"), id, helpful: false, "Actually the outage line number is missing.");
        var last = await RateAsync(TestCallers.Agent, id, helpful: false);

        Assert.Equal(2, last.At("rateKnowledgeArticle", "article", "helpfulCount").GetInt32());
        Assert.Equal(2, last.At("rateKnowledgeArticle", "article", "notHelpfulCount").GetInt32());
        Assert.Equal((2, 2), await CountsAsync(id));
    }

    [Fact]
    public async Task Refused_ratings_leave_the_counts_unchanged()
    {
        var tooLong = await fixture.As(TestCallers.Customer("cus-000006")).PostAsync(Rate,
            new { input = new { articleId = "kb-0021", helpful = true, comment = new string('x', 1_001) } });
        var agentOnly = await fixture.As(TestCallers.Customer("cus-000006")).PostAsync(Rate, new { input = new { articleId = "kb-0028", helpful = true } });
        var draft = await fixture.As(TestCallers.Anonymous).PostAsync(Rate, new { input = new { articleId = "kb-0050", helpful = true } });
        var draftByAuthor = await fixture.As(TestCallers.AgentNamed("agent-knowledge-7")).PostAsync(Rate, new { input = new { articleId = "kb-0050", helpful = true } });
        var service = await fixture.As(TestCallers.Service("notifications:send")).PostAsync(Rate, new { input = new { articleId = "kb-0021", helpful = true } });

        Assert.Equal(["KNOWLEDGE_ARTICLE_INVALID"], tooLong.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], agentOnly.ErrorCodes);
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], draft.ErrorCodes);
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_PUBLISHED"], draftByAuthor.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], service.ErrorCodes);
        Assert.Equal((0, 0), await CountsAsync("kb-0021"));
        Assert.Equal((0, 0), await CountsAsync("kb-0028"));
    }

    private async Task<GraphQLResponse> RateAsync(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller, string id, bool helpful, string? comment = null) =>
        (await fixture.As(caller).PostAsync(Rate, new { input = new { articleId = id, helpful, comment } })).EnsureNoErrors();

    private async Task<(int Helpful, int NotHelpful)> CountsAsync(string id)
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(Counts, new { id })).EnsureNoErrors();
        return (response.At("knowledgeArticle", "helpfulCount").GetInt32(), response.At("knowledgeArticle", "notHelpfulCount").GetInt32());
    }
}
