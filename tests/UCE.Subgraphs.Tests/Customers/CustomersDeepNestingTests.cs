using System.Net;
using System.Text;
using System.Text.Json;
using UCE.Customers;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>
/// Documents nested as deep as the parser admits are answered in full; deeper ones are refused as parse failures,
/// never with a crash or the document echoed back.
/// </summary>
public sealed class CustomersDeepNestingTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private GraphQLClient Client => fixture.As(TestCallers.Agent);

    [Theory]
    [InlineData(43)]
    [InlineData(61)]
    public async Task Query_nested_as_deep_as_the_parser_admits_is_answered_in_full(int levels)
    {
        var response = await Client.PostAsync(NestedCustomerQuery(levels));

        response.EnsureNoErrors();
        Assert.Equal(levels % 2 == 1 ? "cus-000001" : "acc-000001-r", Innermost(response.Data, levels).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(70)]
    [InlineData(2000)]
    public async Task Query_nested_deeper_than_the_parser_admits_is_a_short_parse_failure(int levels)
    {
        var query = NestedCustomerQuery(levels);

        foreach (var response in new[] { await Client.PostAsync(query), await Client.GetAsync(query) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/graphql-response+json", response.MediaType);
            Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
            var message = Assert.Single(response.ErrorMessages);
            Assert.InRange(message.Length, 1, 200);
            Assert.DoesNotContain("accounts", message, StringComparison.Ordinal);
            Assert.False(response.Json.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task Query_nested_deeper_than_the_parser_admits_is_a_parse_failure_with_application_json()
    {
        var body = JsonSerializer.Serialize(new { query = NestedCustomerQuery(70) });

        var response = await Client.SendRawAsync(HttpMethod.Post, body, "application/json", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
    }

    /// <summary><c>customer(id:"cus-000001") { accounts { customer { accounts { … { id } } } } }</c> with <paramref name="levels"/> object fields.</summary>
    internal static string NestedCustomerQuery(int levels)
    {
        var query = new StringBuilder("{ customer(id: \"cus-000001\") {");
        for (var level = 2; level <= levels; level++)
        {
            query.Append(level % 2 == 0 ? " accounts {" : " customer {");
        }

        query.Append(" id");
        query.Append(' ', 1).Append(new string('}', levels + 1));
        return query.ToString();
    }

    private static JsonElement Innermost(JsonElement data, int levels)
    {
        var current = data.GetProperty("customer");
        for (var level = 2; level <= levels; level++)
        {
            current = level % 2 == 0 ? Assert.Single(current.GetProperty("accounts").EnumerateArray()) : current.GetProperty("customer");
        }

        return current;
    }
}
