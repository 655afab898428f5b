using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests;

/// <summary>Checking a document ahead of time finds every reason the engine would refuse it on arrival.</summary>
public sealed class DocumentCheckerTests
{
    private static readonly SupergraphSchema Supergraph = SupergraphSchema.Parse(
        File.ReadAllText(Path.Combine(SupergraphFixtures.Directory, "..", "..", "..", "schema", "supergraph.graphql")));

    private readonly DocumentChecker _checker = new(Supergraph);

    [Theory]
    [InlineData("query Catalogue { products { id name price { amount currency } } }")]
    [InlineData("query Outages($first: Int) { activeOutages(first: $first) { id status areaName } }")]
    [InlineData("subscription Watch($id: ID!) { outageStatusChanged(outageId: $id) { status } }")]
    [InlineData("mutation Pay($input: MakePaymentInput!) { makePayment(input: $input) { replayed } }")]
    [InlineData("query A { products { id } } query B { product(id: \"p\") { name } }")]
    public async Task A_document_the_engine_would_run_has_no_problems(string document)
    {
        Assert.Empty(await _checker.CheckAsync(document));
    }

    [Theory]
    [InlineData("{ products { id ", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ products { nope } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("query($id: ID!) { customer(id: $id) { nope } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("fragment F on Product { ...G } fragment G on Product { ...F } { products { ...F } }", "FRAGMENT_CYCLE")]
    [InlineData("{ customers(first: 100) { nodes { accounts { bills(first: 24) { nodes { amountDue } } } } } }", "COST_ESTIMATED_TOO_EXPENSIVE")]
    [InlineData("fragment F on Product { id }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task A_document_the_engine_would_refuse_is_refused_with_the_code_a_client_would_get(string document, string code)
    {
        var problems = await _checker.CheckAsync(document);

        Assert.Contains(problems, problem => problem.Code == code);
    }

    [Fact]
    public async Task Every_validation_error_is_listed_with_where_it_is()
    {
        var problems = await _checker.CheckAsync("{ products { nope } outage(id: 1) { alsoNot } }");

        Assert.Equal(2, problems.Count);
        Assert.All(problems, problem => Assert.Contains("(line 1, column", problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Limits_given_to_the_checker_apply_to_each_operation()
    {
        var strict = new DocumentChecker(Supergraph, new OperationLimits { MaxDepth = 2 });

        var problems = await strict.CheckAsync("query Shallow { products { id } } query Deep { products { price { amount } } }");

        var problem = Assert.Single(problems);
        Assert.Equal("MAX_DEPTH_LIMIT", problem.Code);
        Assert.StartsWith("Operation Deep:", problem.Message, StringComparison.Ordinal);
    }
}
