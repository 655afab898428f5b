using UCE.Service;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Who reads which article and version, and the draft → published → retired life of an article, on PostgreSQL.</summary>
public sealed class KnowledgeVisibilityTests(SubgraphFixture<ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<ServiceSubgraph>>
{
    private const string Article = "query($id: ID!) { knowledgeArticle(id: $id) { id title status version audience versions { number status author } } }";
    private const string Search = "query($q: String!) { searchKnowledgeArticles(query: $q, first: 50) { article { id audience } } }";
    private const string DraftAuthor = "agent-knowledge-7";

    [Fact]
    public async Task An_agent_only_article_is_FORBIDDEN_to_customers_and_anonymous_callers_and_read_by_agents()
    {
        foreach (var reader in new[] { TestCallers.Anonymous, TestCallers.Customer("cus-000001"), TestCallers.Partner("help-bot", AccessScopes.KnowledgeRead) })
        {
            var refused = await fixture.As(reader).PostAsync(Article, new { id = "kb-0018" });
            Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, refused.At("knowledgeArticle").ValueKind);
        }

        var read = (await fixture.As(TestCallers.Agent).PostAsync(Article, new { id = "kb-0018" })).EnsureNoErrors();
        Assert.Equal("AGENT_ONLY", read.At("knowledgeArticle", "audience").GetString());
    }

    [Fact]
    public async Task Search_returns_agent_only_articles_to_agents_and_supervisors_only()
    {
        var agent = await SearchIdsAsync(TestCallers.Agent, "payment arrangement");
        var supervisor = await SearchIdsAsync(TestCallers.Supervisor, "payment arrangement");
        var customer = await SearchIdsAsync(TestCallers.Customer("cus-000002"), "payment arrangement");
        var anonymous = await SearchIdsAsync(TestCallers.Anonymous, "payment arrangement");

        Assert.Contains("kb-0018", agent);
        Assert.Equal(agent, supervisor);
        Assert.DoesNotContain("kb-0018", customer);
        Assert.Equal(customer, anonymous);
        Assert.Equal(agent.Where(id => id != "kb-0018" && id != "kb-0009" && id != "kb-0019" && id != "kb-0049"), customer);
    }

    [Fact]
    public async Task Callers_without_knowledge_rights_are_refused()
    {
        foreach (var caller in new[] { TestCallers.Service("notifications:send"), TestCallers.Partner("other", AccessScopes.UsageRead) })
        {
            var response = await fixture.As(caller).PostAsync(Search, new { q = "bill" });
            Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        }
    }

    [Fact]
    public async Task A_draft_is_NOT_FOUND_for_readers_FORBIDDEN_for_other_agents_and_open_to_its_author_and_supervisors()
    {
        foreach (var reader in new[] { TestCallers.Anonymous, TestCallers.Customer("cus-000001") })
        {
            Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], (await fixture.As(reader).PostAsync(Article, new { id = "kb-0050" })).ErrorCodes);
        }

        Assert.Equal(["FORBIDDEN"], (await fixture.As(TestCallers.Agent).PostAsync(Article, new { id = "kb-0050" })).ErrorCodes);
        foreach (var editor in new[] { TestCallers.AgentNamed(DraftAuthor), TestCallers.Supervisor })
        {
            var read = (await fixture.As(editor).PostAsync(Article, new { id = "kb-0050" })).EnsureNoErrors();
            Assert.Equal("DRAFT", read.At("knowledgeArticle", "status").GetString());
            Assert.Equal(DraftAuthor, read.At("knowledgeArticle", "versions", 0, "author").GetString());
        }

        Assert.DoesNotContain("kb-0050", await SearchIdsAsync(TestCallers.Supervisor, "winter protection"));
    }

    [Fact]
    public async Task A_retired_article_is_NOT_FOUND_for_readers_and_open_to_supervisors()
    {
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], (await fixture.As(TestCallers.Customer("cus-000003")).PostAsync(Article, new { id = "kb-0051" })).ErrorCodes);
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], (await fixture.As(TestCallers.Agent).PostAsync(Article, new { id = "kb-nope" })).ErrorCodes);
        var read = (await fixture.As(TestCallers.Supervisor).PostAsync(Article, new { id = "kb-0051" })).EnsureNoErrors();
        Assert.Equal("RETIRED", read.At("knowledgeArticle", "status").GetString());
        Assert.DoesNotContain("kb-0051", await SearchIdsAsync(TestCallers.Supervisor, "payment kiosk"));
    }

    [Fact]
    public async Task Readers_see_the_published_version_while_the_drafts_author_sees_the_draft_beside_it()
    {
        var customer = (await fixture.As(TestCallers.Customer("cus-000004")).PostAsync(Article, new { id = "kb-0011" })).EnsureNoErrors();
        var author = (await fixture.As(TestCallers.AgentNamed(DraftAuthor)).PostAsync(Article, new { id = "kb-0011" })).EnsureNoErrors();
        var otherAgent = (await fixture.As(TestCallers.Agent).PostAsync(Article, new { id = "kb-0011" })).EnsureNoErrors();

        Assert.Equal(1, customer.At("knowledgeArticle", "version").GetInt32());
        Assert.Equal(1, customer.At("knowledgeArticle", "versions").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, customer.At("knowledgeArticle", "versions", 0, "author").ValueKind);
        Assert.Equal(1, author.At("knowledgeArticle", "version").GetInt32());
        Assert.Equal(["DRAFT", "PUBLISHED"], author.At("knowledgeArticle", "versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.Equal(1, otherAgent.At("knowledgeArticle", "versions").GetArrayLength());
    }

    [Fact]
    public async Task Agents_write_drafts_and_supervisors_publish_and_retire_them()
    {
        const string create = "mutation($input: CreateKnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { article { id status version } } }";
        const string revise = "mutation($input: ReviseKnowledgeArticleInput!) { reviseKnowledgeArticle(input: $input) { article { status version versions { number status } } } }";
        const string publish = "mutation($input: PublishKnowledgeArticleInput!) { publishKnowledgeArticle(input: $input) { article { title status version versions { number status } } } }";
        const string retire = "mutation($id: ID!) { retireKnowledgeArticle(articleId: $id) { article { status } } }";
        var writer = TestCallers.AgentNamed("agent-writer");
        var input = new { category = "OUTAGES", audience = "PUBLIC", title = "Quorvane substation maintenance", body = "The **quorvane** substation is serviced every spring." };

        Assert.Equal(["FORBIDDEN"], (await fixture.As(TestCallers.Customer("cus-000001")).PostAsync(create, new { input })).ErrorCodes);
        Assert.Equal(["KNOWLEDGE_ARTICLE_INVALID"], (await fixture.As(writer).PostAsync(create, new { input = input with { title = " " } })).ErrorCodes);
        var created = (await fixture.As(writer).PostAsync(create, new { input })).EnsureNoErrors();
        var id = created.At("createKnowledgeArticle", "article", "id").GetString()!;
        Assert.Equal("DRAFT", created.At("createKnowledgeArticle", "article", "status").GetString());
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], (await fixture.As(TestCallers.Customer("cus-000001")).PostAsync(Article, new { id })).ErrorCodes);
        Assert.Empty(await SearchIdsAsync(TestCallers.Customer("cus-000001"), "quorvane"));

        var version1 = new { input = new { articleId = id, version = 1 } };
        Assert.Equal(["FORBIDDEN"], (await fixture.As(writer).PostAsync(publish, version1)).ErrorCodes);
        (await fixture.As(TestCallers.Supervisor).PostAsync(publish, version1)).EnsureNoErrors();
        Assert.Equal(["KNOWLEDGE_VERSION_NOT_DRAFT"], (await fixture.As(TestCallers.Supervisor).PostAsync(publish, version1)).ErrorCodes);
        Assert.Equal(["KNOWLEDGE_VERSION_NOT_FOUND"], (await fixture.As(TestCallers.Supervisor).PostAsync(publish, new { input = new { articleId = id, version = 9 } })).ErrorCodes);
        Assert.Equal([id], await SearchIdsAsync(TestCallers.Customer("cus-000001"), "quorvane"));

        var revised = (await fixture.As(writer).PostAsync(revise, new { input = new { articleId = id, title = "Quorvane substation maintenance and outages" } })).EnsureNoErrors();
        Assert.Equal("PUBLISHED", revised.At("reviseKnowledgeArticle", "article", "status").GetString());
        Assert.Equal(["DRAFT", "PUBLISHED"], revised.At("reviseKnowledgeArticle", "article", "versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        var published = (await fixture.As(TestCallers.Supervisor).PostAsync(publish, new { input = new { articleId = id, version = 2 } })).EnsureNoErrors();
        Assert.Equal("Quorvane substation maintenance and outages", published.At("publishKnowledgeArticle", "article", "title").GetString());
        Assert.Equal(["PUBLISHED", "RETIRED"], published.At("publishKnowledgeArticle", "article", "versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        var found = (await fixture.As(TestCallers.Anonymous).PostAsync(Article, new { id })).EnsureNoErrors();
        Assert.Equal(2, found.At("knowledgeArticle", "version").GetInt32());

        Assert.Equal(["FORBIDDEN"], (await fixture.As(writer).PostAsync(retire, new { id })).ErrorCodes);
        (await fixture.As(TestCallers.Supervisor).PostAsync(retire, new { id })).EnsureNoErrors();
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_PUBLISHED"], (await fixture.As(TestCallers.Supervisor).PostAsync(retire, new { id })).ErrorCodes);
        Assert.Empty(await SearchIdsAsync(TestCallers.Supervisor, "quorvane"));
        Assert.Equal(["KNOWLEDGE_ARTICLE_NOT_FOUND"], (await fixture.As(TestCallers.Anonymous).PostAsync(Article, new { id })).ErrorCodes);
    }

    private async Task<List<string>> SearchIdsAsync(UCE.Subgraphs.Hosting.Identity.CallerIdentity caller, string query) =>
        [.. (await fixture.As(caller).PostAsync(Search, new { q = query })).EnsureNoErrors()
            .At("searchKnowledgeArticles").EnumerateArray().Select(hit => hit.GetProperty("article").GetProperty("id").GetString()!)];
}
