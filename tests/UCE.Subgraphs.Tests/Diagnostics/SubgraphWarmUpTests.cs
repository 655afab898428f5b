using Microsoft.Extensions.DependencyInjection;
using UCE.Billing;
using UCE.Customers;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Diagnostics;

/// <summary>The warm-up a subgraph runs before it listens: the schema and an entity fetch of every entity type.</summary>
public sealed class SubgraphWarmUpTests
{
    private static readonly Dictionary<string, string?> WarmUpOn = new(StringComparer.Ordinal) { ["Subgraph:WarmUp:Enabled"] = "true" };

    public static TheoryData<string> Modules => ["customers", "billing"];

    [Theory]
    [MemberData(nameof(Modules))]
    public async Task The_host_has_run_its_queries_and_fetched_every_entity_type_by_its_key_without_an_error_when_it_starts(string name)
    {
        SubgraphModule module = name == "customers" ? new CustomersSubgraph() : new BillingSubgraph();
        await using var host = await SubgraphTestHost.StartAsync(module, null, configuration: WarmUpOn);

        var warmUp = host.Services.GetRequiredService<SubgraphWarmUp>();
        var sdl = await SubgraphHost.ReadSdlAsync(module);
        var keyed = SubgraphWarmUp.EntityKeys(sdl).ToList();
        Assert.NotEmpty(keyed);
        Assert.NotNull(warmUp.Result);
        // The schema once, then each of the module's queries and each entity type twice.
        Assert.Equal(1 + (2 * module.WarmUpQueries.Count) + (2 * keyed.Count), warmUp.Result.Value.Operations);
        Assert.Equal(0, warmUp.Result.Value.WithErrors);

        // And the host serves as usual after it.
        var response = await host.As(TestCallers.Agent).PostAsync("{ _service { sdl } }");
        Assert.Equal(sdl.TrimEnd(), response.EnsureNoErrors().At("_service", "sdl").GetString()!.TrimEnd());
    }

    [Fact]
    public async Task Switched_off_it_runs_nothing()
    {
        await using var host = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null);

        Assert.Null(host.Services.GetRequiredService<SubgraphWarmUp>().Result);
    }

    [Fact]
    public void Each_object_type_is_fetched_by_its_first_key_of_plain_fields()
    {
        const string Sdl = """
            type Customer @key(fields: "id") @key(fields: "number") {
              id: ID!
            }
            type Tariff @key(fields: "id", resolvable: false) {
              id: ID!
            }
            type Reading @key(fields: "meterId  readAt") {
              meterId: ID!
            }
            type Line @key(fields: "id owner { id }") {
              id: ID!
            }
            extend type Product @key(fields: "sku") {
              sku: String! @external
            }
            interface Node @key(fields: "id") {
              id: ID!
            }
            type Plain {
              id: ID!
            }
            """;

        var keys = SubgraphWarmUp.EntityKeys(Sdl).ToDictionary(key => key.Type, key => key.Representation);

        Assert.Equal(["Customer", "Reading", "Product"], keys.Keys);
        Assert.Equal(new Dictionary<string, object?> { ["__typename"] = "Customer", ["id"] = "uce-warm-up" }, keys["Customer"]);
        Assert.Equal(new Dictionary<string, object?> { ["__typename"] = "Reading", ["meterId"] = "uce-warm-up", ["readAt"] = "uce-warm-up" }, keys["Reading"]);
        Assert.Empty(SubgraphWarmUp.EntityKeys(null));
        Assert.Empty(SubgraphWarmUp.EntityKeys("type Query { a: Int }"));
    }
}
