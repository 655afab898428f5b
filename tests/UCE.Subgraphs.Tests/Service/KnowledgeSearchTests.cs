using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>Full-text search of the knowledge base on PostgreSQL and on SQLite, over the demo articles.</summary>
public sealed class KnowledgeSearchTests(KnowledgeStoresFixture fixture) : IClassFixture<KnowledgeStoresFixture>
{
    private const string Search = """
        query($query: String!, $first: Int) {
          searchKnowledgeArticles(query: $query, first: $first) { position score title snippet article { id title } }
        }
        """;

    public static TheoryData<string> FixedQueries { get; } =
    [
        "autopay", "payment arrangement", "estimated meter reading", "outage restoration time", "power line down",
        "EV charger installation", "thermostat rewards credit", "solar lease", "move service new address", "final bill",
        "late payment", "refund credit balance", "budget billing", "high bill", "warranty claim", "paying bills",
    ];

    [Theory]
    [MemberData(nameof(FixedQueries))]
    public async Task Search_returns_the_same_top_results_on_postgresql_and_sqlite(string query)
    {
        var postgres = await TopAsync(fixture.Postgres, query, 5);
        var sqlite = await TopAsync(fixture.Sqlite, query, 5);

        Assert.NotEmpty(postgres);
        Assert.Equal(postgres.Take(3), sqlite.Take(3));
    }

    [Fact]
    public async Task A_title_match_ranks_before_articles_that_only_mention_the_word_in_their_body()
    {
        foreach (var (_, host) in fixture.Stores)
        {
            var hits = (await host.As(TestCallers.Agent).PostAsync(Search, new { query = "autopay", first = 10 })).EnsureNoErrors()
                .At("searchKnowledgeArticles").EnumerateArray().ToList();

            Assert.True(hits.Count >= 3);
            Assert.Equal("kb-0011", hits[0].GetProperty("article").GetProperty("id").GetString());
            Assert.Equal("Setting up <mark>autopay</mark>", hits[0].GetProperty("title").GetString());
            Assert.All(hits.Skip(1), hit => Assert.DoesNotContain("autopay", hit.GetProperty("article").GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task English_stemming_finds_other_forms_of_the_words_on_both_stores()
    {
        foreach (var (_, host) in fixture.Stores)
        {
            var ids = await TopAsync(host, "paying bills", 10);

            Assert.Contains("kb-0010", ids);   // "Ways to pay your bill"
        }
    }

    [Fact]
    public async Task Snippets_mark_the_searched_words_and_escape_the_article_text()
    {
        const string body = "Press <b>zebrafrost</b> & \"quotes\" <mark>not ours</mark> <script>alert('x')</script> until the zebrafrost light shows.";
        foreach (var (_, host) in fixture.Stores)
        {
            await PublishAsync(host, "Zebrafrost <reset> & restart", body);

            var hit = (await host.As(TestCallers.Customer("cus-000001")).PostAsync(Search, new { query = "zebrafrost", first = 5 })).EnsureNoErrors()
                .At("searchKnowledgeArticles", 0);
            var snippet = hit.GetProperty("snippet").GetString()!;
            var title = hit.GetProperty("title").GetString()!;

            Assert.Equal("<mark>Zebrafrost</mark> &lt;reset&gt; &amp; restart", title);
            Assert.Contains("<mark>zebrafrost</mark>", snippet, StringComparison.Ordinal);
            Assert.Contains("&amp; &quot;quotes&quot;", snippet, StringComparison.Ordinal);
            Assert.Equal(2, snippet.Split("<mark>").Length - 1);
            Assert.Equal(2, snippet.Split("</mark>").Length - 1);

            // The only markup is ours: every other '<' arrives as &lt; (SQLite) or, for text PostgreSQL's parser reads as an
            // HTML tag, not at all (ts_headline leaves tags out).
            var markup = snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
            Assert.DoesNotContain('<', markup);
            Assert.DoesNotContain('>', markup);
        }
    }

    public static TheoryData<string, string> RefusedQueries { get; } = new()
    {
        { "", "KNOWLEDGE_QUERY_EMPTY" },
        { "    ", "KNOWLEDGE_QUERY_EMPTY" },
        { "how do I", "KNOWLEDGE_QUERY_EMPTY" },
        { "\"\"", "KNOWLEDGE_QUERY_EMPTY" },
        { "-outage", "KNOWLEDGE_QUERY_EMPTY" },
        { "!!! *** ()", "KNOWLEDGE_QUERY_EMPTY" },
        { new string('a', 257), "KNOWLEDGE_QUERY_TOO_LONG" },
        { "one two three four five six seven eight nine ten eleven twelve thirteen", "KNOWLEDGE_QUERY_TOO_LONG" },
    };

    [Theory]
    [MemberData(nameof(RefusedQueries))]
    public async Task A_query_with_nothing_to_look_for_or_too_much_is_refused_with_its_code(string query, string code)
    {
        foreach (var (_, host) in fixture.Stores)
        {
            var response = await host.As(TestCallers.Agent).PostAsync(Search, new { query, first = 5 });

            Assert.Equal([code], response.ErrorCodes);
        }
    }

    public static TheoryData<string> QuerySyntax { get; } =
    [
        "\"pay\" AND (bill OR", "bill*", "title:bill", "'; DROP TABLE knowledge_articles; --", "NEAR(pay bill)",
        "pay & | ! <-> bill", "\"unbalanced quote bill", "bill^2 {x} [y]", "outage -storm", "\"late payment\" charge", "pay\\bill",
    ];

    [Theory]
    [MemberData(nameof(QuerySyntax))]
    public async Task Query_syntax_typed_by_a_reader_is_never_an_error_and_both_stores_agree(string query)
    {
        var postgres = await TopAsync(fixture.Postgres, query, 3);
        var sqlite = await TopAsync(fixture.Sqlite, query, 3);

        Assert.Equal(postgres, sqlite);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task First_outside_one_to_fifty_is_BAD_USER_INPUT(int first)
    {
        var response = await fixture.Postgres.As(TestCallers.Agent).PostAsync(Search, new { query = "bill", first });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    /// <summary>Creates a public billing article as an agent and publishes it as a supervisor; returns its id.</summary>
    internal static async Task<string> PublishAsync(SubgraphTestHost host, string title, string body, string audience = "PUBLIC")
    {
        var created = (await host.As(TestCallers.Agent).PostAsync(
            "mutation($input: CreateKnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { article { id version } } }",
            new { input = new { category = "BILLING", audience, title, body } })).EnsureNoErrors();
        var id = created.At("createKnowledgeArticle", "article", "id").GetString()!;
        (await host.As(TestCallers.Supervisor).PostAsync(
            "mutation($input: PublishKnowledgeArticleInput!) { publishKnowledgeArticle(input: $input) { article { status } } }",
            new { input = new { articleId = id, version = 1 } })).EnsureNoErrors();
        return id;
    }

    private static async Task<List<string>> TopAsync(SubgraphTestHost host, string query, int first)
    {
        var response = (await host.As(TestCallers.Agent).PostAsync(Search, new { query, first })).EnsureNoErrors();
        return [.. response.At("searchKnowledgeArticles").EnumerateArray().Select(hit => hit.GetProperty("article").GetProperty("id").GetString()!)];
    }
}
