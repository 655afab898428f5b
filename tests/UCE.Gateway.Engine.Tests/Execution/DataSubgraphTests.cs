using System.Text;
using System.Text.Json;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

public sealed class DataSubgraphTests
{
    [Fact]
    public async Task Data_subgraph_answers_root_fields_and_entities_from_its_data()
    {
        var subgraph = new DataSubgraph("reviews", ProductCatalogGraph.ReviewsSdl, ProductCatalogGraph.ReviewsData);
        using var body = JsonDocument.Parse("""
            {"query":"query($r:[_Any!]!){ _entities(representations:$r){ ... on Product { upc reviews { body } } } }",
             "variables":{"r":[{"__typename":"Product","upc":"2"},{"__typename":"Product","upc":"9"}]}}
            """);

        var answer = Encoding.UTF8.GetString(await subgraph.ExecuteAsync(body.RootElement, CancellationToken.None));

        Assert.True(answer == """{"data":{"_entities":[{"upc":"2","reviews":[{"body":"Comfy"}]},null]}}""", answer);
    }
}
