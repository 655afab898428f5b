using UCE.Service;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Writers of one article at the same moment run one after the other: every revision gets its own number, one version ends published.</summary>
public sealed class KnowledgeConcurrencyTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    private const string Create = "mutation($input: CreateKnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { article { id } } }";
    private const string Revise = "mutation($input: ReviseKnowledgeArticleInput!) { reviseKnowledgeArticle(input: $input) { article { id } } }";
    private const string Publish = "mutation($input: PublishKnowledgeArticleInput!) { publishKnowledgeArticle(input: $input) { article { id } } }";
    private const string Rate = "mutation($input: RateKnowledgeArticleInput!) { rateKnowledgeArticle(input: $input) { article { id } } }";
    private const string Versions = "query($id: ID!) { knowledgeArticle(id: $id) { helpfulCount notHelpfulCount versions { number status } } }";

    [Fact]
    public async Task Concurrent_revisions_publications_and_ratings_of_one_article_all_succeed_in_turn()
    {
        var input = new { category = "BILLING", audience = "PUBLIC", title = "Reading a smart-meter bill", body = "Your bill lists **every** read." };
        var id = (await fixture.As(TestCallers.Agent).PostAsync(Create, new { input })).EnsureNoErrors().At("createKnowledgeArticle", "article", "id").GetString()!;

        var revisions = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => fixture.As(TestCallers.AgentNamed($"agent-writer-{i}"))
            .PostAsync(Revise, new { input = new { articleId = id, title = $"Reading a smart-meter bill ({i})" } })));
        Assert.All(revisions, r => r.EnsureNoErrors());

        var publications = await Task.WhenAll(Enumerable.Range(1, 7).Select(number => fixture.As(TestCallers.Supervisor)
            .PostAsync(Publish, new { input = new { articleId = id, version = number } })));
        Assert.All(publications, p => p.EnsureNoErrors());

        var reader = TestCallers.Customer("cus-000009");
        var ratings = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => fixture.As(reader).PostAsync(Rate, new { input = new { articleId = id, helpful = i % 2 == 0 } })));
        Assert.All(ratings, r => r.EnsureNoErrors());

        var article = (await fixture.As(TestCallers.Supervisor).PostAsync(Versions, new { id })).EnsureNoErrors().At("knowledgeArticle");
        var versions = article.GetProperty("versions").EnumerateArray().Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("status").GetString())).ToList();
        Assert.Equal(Enumerable.Range(1, 7), versions.Select(v => v.Item1).Order());
        Assert.Single(versions, v => v.Item2 == "PUBLISHED");
        Assert.Equal(6, versions.Count(v => v.Item2 == "RETIRED"));
        Assert.Equal(1, article.GetProperty("helpfulCount").GetInt32() + article.GetProperty("notHelpfulCount").GetInt32());
    }
}
