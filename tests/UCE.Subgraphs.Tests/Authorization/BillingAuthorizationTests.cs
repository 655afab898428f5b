using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>Bills, payments and autopay of other customers' accounts, by every role that must not reach them.</summary>
public sealed class BillingAuthorizationTests(SubgraphFixture<BillingSubgraph> fixture) : IClassFixture<SubgraphFixture<BillingSubgraph>>
{
    private const string MakePayment = """
        mutation($input: MakePaymentInput!) { makePayment(input: $input) { payment { id } account { id balance { amount } } } }
        """;

    private const string SetAutopay = """
        mutation($input: SetAutopayInput!) { setAutopay(input: $input) { account { id autopay { enabled } } } }
        """;

    private GraphQLClient Attacker => fixture.As(TestCallers.Customer(Hostile.Attacker));

    /// <summary>The callers that must not pay into or change the victim's account.</summary>
    public static TheoryData<string> ForeignCallers => new() { "customer", "anonymous", "partner", "service" };

    [Fact]
    public async Task A_customer_reaching_another_customers_bill_gets_null_and_forbidden_also_next_to_their_own()
    {
        var victimBill = await BillOfAsync("acc-000002-r");
        var ownBill = await BillOfAsync("acc-000001-r");

        var response = await Attacker.PostAsync(
            "query($own: ID!, $theirs: ID!) { mine: bill(id: $own) { id } theirs: bill(id: $theirs) { ...Amounts } } fragment Amounts on Bill { amount amountDue lineItems { description } account { id } }",
            new { own = ownBill, theirs = victimBill });

        Hostile.AssertRefused(response, "theirs");
        Assert.Equal(ownBill, response.At("mine", "id").GetString());
    }

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation()
    {
        var victimBill = await BillOfAsync("acc-000002-r");
        var representations = new Dictionary<string, object[]>(StringComparer.Ordinal)
        {
            ["Account"] = [new { __typename = "Account", id = "acc-000002-r" }, new { __typename = "Account", number = "1000000002" }],
            ["Bill"] = [new { __typename = "Bill", id = victimBill }],
            ["Customer"] = [new { __typename = "Customer", id = Hostile.Victim }],
        };

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            Assert.True(representations.TryGetValue(type, out var hostile), $"Entity type {type} has no hostile case.");
            foreach (var representation in hostile)
            {
                var response = await Attacker.PostAsync(
                    "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Account { id balance { amount } bills(first: 2) { nodes { id } } payments { id } autopay { enabled } } ... on Bill { id amount } ... on Customer { id overdueBalance } } }",
                    new { r = new object[] { new { __typename = "Account", id = "acc-000001-r" }, representation } });

                Hostile.AssertRefused(response, "_entities", 1);
                Assert.Equal("acc-000001-r", response.At("_entities", 0, "id").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Paying_into_another_customers_account_is_forbidden_and_writes_nothing(string role)
    {
        var before = await StateAsync("acc-000002-r");

        var response = await fixture.As(Caller(role)).PostAsync(MakePayment, new { input = new { accountId = "acc-000002-r", amount = 5.0, method = "CARD", idempotencyKey = $"hostile-pay-{role}" } });

        Hostile.AssertRefused(response, "makePayment");
        Assert.Equal(before, await StateAsync("acc-000002-r"));
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Setting_autopay_on_another_customers_account_is_forbidden_and_writes_nothing(string role)
    {
        var before = await StateAsync("acc-000002-r");

        var response = await fixture.As(Caller(role)).PostAsync(SetAutopay, new { input = new { accountId = "acc-000002-r", enabled = !before.Autopay, method = "BANK", dayOfMonth = 3 } });

        Hostile.AssertRefused(response, "setAutopay");
        Assert.Equal(before, await StateAsync("acc-000002-r"));
    }

    [Fact]
    public async Task A_customer_paying_into_an_account_that_does_not_exist_learns_no_more_than_forbidden()
    {
        var response = await Attacker.PostAsync(MakePayment, new { input = new { accountId = "acc-999999-r", amount = 5.0, method = "CARD", idempotencyKey = "hostile-pay-unknown" } });

        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_customer_pays_into_and_sets_autopay_on_their_own_account()
    {
        var before = await StateAsync("acc-000001-r");

        var paid = (await Attacker.PostAsync(MakePayment, new { input = new { accountId = "acc-000001-r", amount = 1.25, method = "CARD", idempotencyKey = "own-pay-1" } })).EnsureNoErrors();
        var autopay = (await Attacker.PostAsync(SetAutopay, new { input = new { accountId = "acc-000001-r", enabled = true, method = "BANK", dayOfMonth = 9 } })).EnsureNoErrors();

        Assert.Equal("acc-000001-r", paid.At("makePayment", "account", "id").GetString());
        Assert.True(autopay.At("setAutopay", "account", "autopay", "enabled").GetBoolean());
        var after = await StateAsync("acc-000001-r");
        Assert.Equal(before.Payments + 1, after.Payments);
        Assert.Equal(before.Balance - 125, after.Balance);
    }

    private static CallerIdentity Caller(string role) => role switch
    {
        "customer" => TestCallers.Customer(Hostile.Attacker),
        "anonymous" => TestCallers.Anonymous,
        "partner" => TestCallers.Partner("energy-insights", "usage:read", "outages:read", "products:read"),
        "service" => TestCallers.Service("notifications:send", "outages:write"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private async Task<string> BillOfAsync(string accountId)
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        return await db.Bills.Where(b => b.AccountId == accountId).OrderBy(b => b.PeriodStart).Select(b => b.Id).FirstAsync();
    }

    private async Task<(long Balance, bool Autopay, int Payments)> StateAsync(string accountId)
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        return (account.BalanceMinor, account.AutopayEnabled, await db.Payments.CountAsync(p => p.AccountId == accountId));
    }
}
