using UCE.Subgraphs.Hosting.WebSockets;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class SubscriptionDocumentCacheTests
{
    private const string Query = "subscription ($area: String!) { outagesInArea(area: $area) { id status } }";

    [Fact]
    public void Subscriptions_with_the_same_text_share_one_parsed_document()
    {
        var cache = new SubscriptionDocumentCache();

        var first = cache.Get(Query);
        var second = cache.Get(new string(Query.AsSpan()));

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_text_that_does_not_parse_is_not_kept_and_left_to_the_executer_to_report()
    {
        var cache = new SubscriptionDocumentCache();

        Assert.Null(cache.Get("subscription { outagesInArea(area: "));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Once_full_a_new_text_is_parsed_for_its_operation_alone()
    {
        var cache = new SubscriptionDocumentCache();
        for (var i = 0; i < SubscriptionDocumentCache.Capacity; i++)
        {
            Assert.NotNull(cache.Get($"{{ a{i} }}"));
        }

        var late = cache.Get("{ late }");

        Assert.NotNull(late);
        Assert.NotSame(late, cache.Get("{ late }"));
        Assert.Equal(SubscriptionDocumentCache.Capacity, cache.Count);
        Assert.Same(cache.Get("{ a7 }"), cache.Get("{ a7 }"));
    }
}
