using UCE.Customers;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

public sealed class CustomersSchemaTests
{
    [Fact]
    public Task Committed_customers_sdl_matches_what_the_code_produces() =>
        SubgraphSchemaFile.AssertMatchesAsync(new CustomersSubgraph());
}
