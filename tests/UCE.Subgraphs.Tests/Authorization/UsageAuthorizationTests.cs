using UCE.Subgraphs.Tests.Infrastructure;
using UCE.Usage;
using UCE.Usage.Data;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>Usage of other customers, and partners with <c>usage:read</c> limited to the customers who consented to them.</summary>
public sealed class UsageAuthorizationTests(SubgraphFixture<UsageSubgraph> fixture) : IClassFixture<SubgraphFixture<UsageSubgraph>>
{
    private const string EntitiesQuery = """
        query($r: [_Any!]!) {
          _entities(representations: $r) {
            __typename
            ... on ServiceLocation { id meterId usageSummary { highUsage current { kWh } } }
            ... on Account { id usageSummary { highUsage } }
          }
        }
        """;

    private string Day => IsoUtc.At(UsageSeed.ReadThrough(fixture.Host.DemoDate).AddDays(-1));

    private string NextDay => IsoUtc.At(UsageSeed.ReadThrough(fixture.Host.DemoDate));

    private GraphQLClient Attacker => fixture.As(TestCallers.Customer(Hostile.Attacker));

    [Fact]
    public async Task A_customer_reading_another_customers_meter_gets_null_and_forbidden_also_aliased_next_to_their_own()
    {
        var response = await Attacker.PostAsync(
            "query($from: DateTime!, $to: DateTime!) { mine: meterUsage(meterId: \"MTR-00000001\", from: $from, to: $to, granularity: HOUR) { totalKWh } theirs: meterUsage(meterId: \"MTR-00000002\", from: $from, to: $to, granularity: HOUR) { ...Points } } fragment Points on UsageSeries { meterId points { kWh } }",
            new { from = Day, to = NextDay });

        Hostile.AssertRefused(response, "theirs");
        Assert.True(response.At("mine", "totalKWh").GetDouble() > 0);
    }

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation()
    {
        var representations = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ServiceLocation"] = new { __typename = "ServiceLocation", id = "loc-000002" },
            ["Account"] = new { __typename = "Account", id = "acc-000002-r" },
        };

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            Assert.True(representations.TryGetValue(type, out var representation), $"Entity type {type} has no hostile case.");
            var response = await Attacker.PostAsync(EntitiesQuery, new { r = new[] { new { __typename = "ServiceLocation", id = "loc-000001" }, representation } });

            Hostile.AssertRefused(response, "_entities", 1);
            Assert.Equal("loc-000001", response.At("_entities", 0, "id").GetString());
        }
    }

    [Fact]
    public async Task A_partner_with_usage_read_sees_the_usage_of_customers_who_consented_to_it_and_of_nobody_else()
    {
        var partner = fixture.As(TestCallers.Partner(UsageConsent.DemoPartnerClientId, "usage:read"));

        var response = await partner.PostAsync(EntitiesQuery, new
        {
            r = new object[]
            {
                new { __typename = "ServiceLocation", id = "loc-000001" },
                new { __typename = "Account", id = "acc-000003-r" },
                new { __typename = "ServiceLocation", id = "loc-000005" },
            },
        });

        Assert.Equal("loc-000001", response.At("_entities", 0, "id").GetString());
        Assert.Equal("acc-000003-r", response.At("_entities", 1, "id").GetString());
        Assert.Equal(["_entities/2"], Hostile.Errors(response).Select(error => error.Path));
        Hostile.AssertOnlyRefusals(response);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.At("_entities", 2).ValueKind);
    }

    [Fact]
    public async Task A_partner_without_the_scope_or_with_another_client_id_sees_no_usage()
    {
        foreach (var caller in new[] { TestCallers.Partner(UsageConsent.DemoPartnerClientId, "outages:read"), TestCallers.Partner("someone-else", "usage:read") })
        {
            var response = await fixture.As(caller).PostAsync(
                "query($from: DateTime!, $to: DateTime!) { meterUsage(meterId: \"MTR-00000001\", from: $from, to: $to, granularity: DAY) { totalKWh } }",
                new { from = Day, to = NextDay });

            Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        }
    }

    [Fact]
    public async Task Anonymous_callers_and_services_read_no_usage()
    {
        foreach (var caller in new[] { TestCallers.Anonymous, TestCallers.Service("notifications:send", "outages:write") })
        {
            var response = await fixture.As(caller).PostAsync(EntitiesQuery, new { r = new[] { new { __typename = "ServiceLocation", id = "loc-000002" } } });

            Hostile.AssertRefused(response, "_entities", 0);
        }
    }
}
