using UCE.Gateway.Engine.Limits;

namespace UCE.Gateway.Engine.Tests.Limits;

public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("{ me { id } }", 6)]
    [InlineData("query Q($a: Int = 1) { f(a: $a) }", 19)]
    [InlineData("", 0)]
    public void Counts_lexical_tokens(string document, int tokens) =>
        Assert.Equal(tokens, TokenCounter.Count(document, 1000));

    [Fact]
    public void Stops_one_past_the_limit()
    {
        var document = "{ " + string.Concat(Enumerable.Repeat("a ", 1_000_000)) + "}";

        Assert.Equal(101, TokenCounter.Count(document, 100));
    }
}
