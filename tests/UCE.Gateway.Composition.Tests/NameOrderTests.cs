using UCE.Gateway.Composition.Printing;

namespace UCE.Gateway.Composition.Tests;

public sealed class NameOrderTests
{
    [Fact]
    public void Names_sort_as_javascript_localeCompare_sorts_them()
    {
        // Expected order printed by Node 20: [...names].sort((a, b) => a.localeCompare(b)).
        string[] expected =
        [
            "__x", "_Any", "a_b", "A_B", "a1", "A1", "a10", "a2", "ab", "aB", "Ab", "AB", "apple", "Apple", "APPLE", "b", "B",
            "join__Graph", "Join__graph", "joinGraph", "link__Import", "Query", "query2", "Query2", "X__", "Z_", "z9", "zebra", "Zebra",
        ];
        var shuffled = expected.Reverse().Concat(expected.Where((_, i) => i % 2 == 0)).Distinct().ToList();

        var sorted = shuffled.Order(NameOrder.Instance).ToList();

        Assert.Equal(expected, sorted);
    }
}
