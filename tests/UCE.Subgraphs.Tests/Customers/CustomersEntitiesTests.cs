using System.Text.Json;
using UCE.Customers;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

public sealed class CustomersEntitiesTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private const string Entities = """
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            __typename
            ... on Customer { id name }
            ... on Account { id number kind }
            ... on ServiceLocation { id meterId }
          }
        }
        """;

    private GraphQLClient Client => fixture.As(TestCallers.Agent);

    [Fact]
    public async Task Entities_resolve_every_key_in_the_order_asked()
    {
        var response = await Client.PostAsync(Entities, new
        {
            representations = new object[]
            {
                new { __typename = "Account", number = "2000000006" },
                new { __typename = "Customer", id = "cus-000002" },
                new { __typename = "ServiceLocation", id = "loc-000004" },
                new { __typename = "Account", id = "acc-000005-r" },
            },
        });

        var entities = response.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.Equal(["Account", "Customer", "ServiceLocation", "Account"], entities.Select(e => e.GetProperty("__typename").GetString()));
        Assert.Equal("acc-000006-n", entities[0].GetProperty("id").GetString());
        Assert.Equal("NON_REGULATED", entities[0].GetProperty("kind").GetString());
        Assert.Equal("cus-000002", entities[1].GetProperty("id").GetString());
        Assert.Equal("MTR-00000004", entities[2].GetProperty("meterId").GetString());
        Assert.Equal("1000000005", entities[3].GetProperty("number").GetString());
    }

    [Fact]
    public async Task Unknown_keys_resolve_to_null_without_errors()
    {
        var response = await Client.PostAsync(Entities, new
        {
            representations = new object[]
            {
                new { __typename = "Customer", id = "cus-999999" },
                new { __typename = "Account", number = "123" },
                new { __typename = "Account", id = "acc-nope" },
                new { __typename = "ServiceLocation", id = "loc-999999" },
                new { __typename = "Customer", id = "cus-000001" },
            },
        });

        var entities = response.EnsureNoErrors().At("_entities").EnumerateArray().ToList();
        Assert.All(entities.Take(4), e => Assert.Equal(JsonValueKind.Null, e.ValueKind));
        Assert.Equal("cus-000001", entities[4].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Representation_of_an_unknown_type_is_an_error_with_a_code()
    {
        var response = await Client.PostAsync(Entities, new { representations = new object[] { new { __typename = "Spaceship", id = "x" } } });

        Assert.True(response.HasErrors);
        Assert.All(response.ErrorCodes, code => Assert.False(string.IsNullOrEmpty(code)));
    }

    [Fact]
    public async Task Service_sdl_declares_the_entity_keys_and_shareable_fields()
    {
        var response = await Client.PostAsync("{ _service { sdl } }");

        var sdl = response.EnsureNoErrors().At("_service", "sdl").GetString()!;
        Assert.Contains("type Customer @key(fields: \"id\")", sdl, StringComparison.Ordinal);
        Assert.Contains("type Account @key(fields: \"id\") @key(fields: \"number\")", sdl, StringComparison.Ordinal);
        Assert.Contains("type ServiceLocation @key(fields: \"id\")", sdl, StringComparison.Ordinal);
        Assert.Contains("number: String! @shareable", sdl, StringComparison.Ordinal);
        Assert.Contains("meterId: String! @shareable", sdl, StringComparison.Ordinal);
        Assert.Contains("https://specs.apollo.dev/federation/v" + SubgraphHost.FederationVersion, sdl, StringComparison.Ordinal);
    }
}
