using System.Text.Json;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;

namespace UCE.Gateway.Engine.Tests.Limits;

public sealed class OperationMeasurerTests
{
    private const string Sdl = """
        type Query { shelves(first: Int = 4): [Shelf!]! shelf(id: ID!): Shelf grid: [[Shelf]] me: Reader catalogue(first: Int = 20): BookConnection! }
        type BookConnection { nodes: [Book!]! edges: [BookEdge!]! pageInfo: PageInfo! related: [Book!]! }
        type BookEdge { cursor: String! node: Book! }
        type PageInfo { hasNextPage: Boolean! }
        type Mutation { borrow(bookId: ID!): Loan }
        type Shelf { id: ID! name: String books(first: Int, last: Int): [Book!]! featured: Book }
        type Book { id: ID! title: String author: Author }
        type Author { name: String books: [Book!]! }
        type Reader { id: ID! }
        type Loan { id: ID! book: Book }
        """;

    private static readonly ApiSchemaIndex Schema = new(GraphQL.Types.Schema.For(Sdl));

    private static OperationMeasure Measure(string document, string? variables = null, OperationLimits? limits = null) =>
        Measurer(document, variables, limits, out var operation).Measure(operation);

    private static OperationMeasurer Measurer(string document, string? variables, OperationLimits? limits, out GraphQLOperationDefinition operation)
    {
        var parsed = Parser.Parse(document);
        var fragments = parsed.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(fragment => fragment.FragmentName.Name.StringValue);
        operation = parsed.Definitions.OfType<GraphQLOperationDefinition>().First();
        return new OperationMeasurer(Schema, fragments, limits ?? new OperationLimits(), variables is null ? null : JsonDocument.Parse(variables).RootElement);
    }

    [Theory]
    [InlineData("{ me { id } }", 2)]
    [InlineData("{ __typename }", 1)]
    [InlineData("{ shelf(id: 1) { books { author { books { title } } } } }", 5)]
    [InlineData("{ ...Deep } fragment Deep on Query { shelf(id: 1) { ... on Shelf { featured { title } } } }", 3)]
    public void Depth_counts_field_levels_through_fragments(string document, int depth) =>
        Assert.Equal(depth, Measure(document).Depth);

    [Fact]
    public void Aliases_and_root_fields_count_once_per_place_a_fragment_is_spread()
    {
        var measure = Measure("""
            { a: me { id } ...Two ...Two shelf(id: 1) { ...Named } }
            fragment Two on Query { b: me { id } c: me { x: id } }
            fragment Named on Shelf { n: name }
            """);

        Assert.Equal(1 + (2 * 3) + 1, measure.Aliases);
        Assert.Equal(1 + (2 * 2) + 1, measure.RootFields);
    }

    [Fact]
    public void A_fragment_bomb_is_measured_exactly_without_expanding_it()
    {
        // Level k spreads level k-1 twice: 2^40 aliased fields in twenty lines of text.
        var fragments = string.Join('\n', Enumerable.Range(1, 40).Select(level => $"fragment L{level} on Query {{ ...L{level - 1} ...L{level - 1} }}"));
        var document = $"{{ ...L40 }}\nfragment L0 on Query {{ a: me {{ id }} }}\n{fragments}";

        var measure = Measure(document);

        Assert.Equal(1L << 40, measure.Aliases);
        Assert.Equal(1L << 40, measure.RootFields);
    }

    [Fact]
    public void Counts_saturate_instead_of_overflowing()
    {
        var fragments = string.Join('\n', Enumerable.Range(1, 100).Select(level => $"fragment L{level} on Query {{ ...L{level - 1} ...L{level - 1} }}"));
        var measure = Measure($"{{ ...L100 }}\nfragment L0 on Query {{ a: me {{ id }} }}\n{fragments}");

        Assert.Equal(long.MaxValue / 4, measure.Aliases);
        Assert.True(measure.Cost > 0);
    }

    [Theory]
    // A list multiplies the cost of each object it holds: 1 for the object plus what is selected below it.
    [InlineData("{ shelves(first: 5) { name } }", 5)]
    [InlineData("{ shelves { name } }", 4)] // the argument's default
    [InlineData("{ shelf(id: 1) { name } }", 1)]
    [InlineData("{ shelf(id: 1) { books(first: 3) { author { name } } } }", 1 + (3 * (1 + 1)))]
    [InlineData("{ shelf(id: 1) { books { title } } }", 1 + 10)] // no slicing argument given and no default: the assumed size
    [InlineData("{ shelf(id: 1) { books(first: 2, last: 6) { title } } }", 1 + 6)] // several slicing arguments: the largest
    [InlineData("{ grid { name } }", 10 * 10)] // a list of lists: the assumed size per level
    [InlineData("{ shelf(id: 1) { name id } me { id } }", 2)] // scalars cost nothing
    [InlineData("mutation { borrow(bookId: 1) { book { title } } }", 10 + 1 + 1)] // a mutation root field costs 10
    // A paged field returning a connection sizes the connection's edges and nodes, not its other lists.
    [InlineData("{ catalogue(first: 50) { nodes { author { name } } } }", 1 + (50 * 2))]
    [InlineData("{ catalogue { edges { node { title } } pageInfo { hasNextPage } } }", 1 + (20 * 2) + 1)]
    [InlineData("{ catalogue(first: 5) { related { title } ... on BookConnection { nodes { title } } } }", 1 + 10 + 5)]
    [InlineData("{ catalogue(first: 5) { ...Nodes } } fragment Nodes on BookConnection { nodes { title } }", 1 + 5)]
    public void Cost_multiplies_lists_by_their_size(string document, long cost) =>
        Assert.Equal(cost, Measure(document).Cost);

    [Fact]
    public void A_slicing_argument_given_as_a_variable_is_sized_by_the_request_and_marked()
    {
        const string Document = "query($n: Int) { shelves(first: $n) { name } }";

        var withValue = Measure(Document, """{"n": 40}""");
        var withoutValue = Measure(Document);

        Assert.Equal(40, withValue.Cost);
        Assert.True(withValue.CostDependsOnVariables);
        Assert.Equal(4, withoutValue.Cost);
        Assert.False(Measure("{ shelves(first: 40) { name } }").CostDependsOnVariables);
    }

    [Fact]
    public void Directives_are_counted_on_fields_fragments_spreads_and_the_operation()
    {
        var measure = Measure("""
            query Q($s: Boolean = false) @custom { me @include(if: true) { id @skip(if: $s) } ... @include(if: true) { shelf(id: 1) { name } } ...F @skip(if: false) }
            fragment F on Query @custom { me { id @include(if: true) } }
            """);

        Assert.Equal(7, measure.Directives);
    }

    [Fact]
    public void A_fragment_that_spreads_itself_is_reported_and_measuring_ends()
    {
        var measurer = Measurer("{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }", null, null, out var operation);

        measurer.Measure(operation);

        Assert.NotNull(measurer.CyclicFragment);
    }

    [Fact]
    public void A_large_slicing_argument_saturates_the_cost()
    {
        var measure = Measure("{ shelves(first: 2147483647) { books(first: 2147483647) { author { books { author { books { title } } } } } } }");

        Assert.True(measure.Cost >= long.MaxValue / 4);
    }
}
