using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Billing;

/// <summary><c>makePayment</c> and <c>setAutopay</c>: what they write, and that refused input writes nothing.</summary>
public sealed class MakePaymentTests(SubgraphFixture<BillingSubgraph> fixture) : IClassFixture<SubgraphFixture<BillingSubgraph>>
{
    private const string MakePayment = """
        mutation($input: MakePaymentInput!) {
          makePayment(input: $input) {
            replayed
            payment { id amount method status idempotencyKey account { id } }
            account { id balance { amount } }
          }
        }
        """;

    [Fact]
    public async Task Make_payment_records_the_payment_lowers_the_balance_and_pays_the_oldest_open_bill_first()
    {
        var accountId = await AccountWithOpenBillAsync();
        var before = await SnapshotAsync(accountId);
        var oldestOpen = await OldestOpenBillAsync(accountId);
        var amount = Math.Min(oldestOpen.DueMinor, 2_000) / 100.0;

        var response = (await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, amount, "CARD", "pay-test-records"))).EnsureNoErrors();

        Assert.False(response.At("makePayment", "replayed").GetBoolean());
        Assert.Equal(amount, response.At("makePayment", "payment", "amount").GetDouble(), 2);
        Assert.Equal("POSTED", response.At("makePayment", "payment", "status").GetString());
        Assert.Equal((before.BalanceMinor / 100.0) - amount, response.At("makePayment", "account", "balance", "amount").GetDouble(), 2);
        var after = await SnapshotAsync(accountId);
        Assert.Equal(before.Payments + 1, after.Payments);
        Assert.Equal(before.BalanceMinor - (long)Math.Round(amount * 100), after.BalanceMinor);
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var bill = await db.Bills.SingleAsync(b => b.Id == oldestOpen.Id);
        Assert.Equal(oldestOpen.PaidMinor + (long)Math.Round(amount * 100), bill.PaidMinor);
        Assert.Equal(bill.PaidMinor == bill.AmountMinor ? BillStatus.Paid : BillStatus.PartiallyPaid, bill.Status);
    }

    [Fact]
    public async Task Make_payment_with_reused_key_records_one_payment()
    {
        const string accountId = "acc-000012-r";
        var before = await SnapshotAsync(accountId);

        var first = (await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, 25.10, "BANK", "pay-test-once"))).EnsureNoErrors();
        var second = (await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, 25.10, "BANK", "pay-test-once"))).EnsureNoErrors();

        Assert.False(first.At("makePayment", "replayed").GetBoolean());
        Assert.True(second.At("makePayment", "replayed").GetBoolean());
        Assert.Equal(first.At("makePayment", "payment", "id").GetString(), second.At("makePayment", "payment", "id").GetString());
        var after = await SnapshotAsync(accountId);
        Assert.Equal(before.Payments + 1, after.Payments);
        Assert.Equal(before.BalanceMinor - 2_510, after.BalanceMinor);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_record_one_payment()
    {
        const string accountId = "acc-000013-r";
        var before = await SnapshotAsync(accountId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, 7.25, "WALLET", "pay-test-concurrent"))));

        Assert.All(responses, r => r.EnsureNoErrors());
        Assert.Single(responses.Select(r => r.At("makePayment", "payment", "id").GetString()).Distinct());
        Assert.Single(responses, r => !r.At("makePayment", "replayed").GetBoolean());
        var after = await SnapshotAsync(accountId);
        Assert.Equal(before.Payments + 1, after.Payments);
        Assert.Equal(before.BalanceMinor - 725, after.BalanceMinor);
    }

    [Fact]
    public async Task Make_payment_with_reused_key_and_a_different_amount_is_refused_and_changes_nothing()
    {
        const string accountId = "acc-000014-r";
        (await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, 10, "CARD", "pay-test-reused"))).EnsureNoErrors();
        var before = await SnapshotAsync(accountId);
        var totalBefore = await TotalPaymentsAsync();

        var differentAmount = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, 11, "CARD", "pay-test-reused"));
        var differentAccount = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input("acc-000015-r", 10, "CARD", "pay-test-reused"));

        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], differentAmount.ErrorCodes);
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], differentAccount.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(accountId));
        Assert.Equal(totalBefore, await TotalPaymentsAsync());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(100_000.01)]
    [InlineData(1e30)]
    [InlineData(12.345)]
    public async Task An_amount_that_is_not_positive_too_large_or_below_a_cent_is_refused_with_PAYMENT_AMOUNT_INVALID(double amount)
    {
        const string accountId = "acc-000016-r";
        var before = await SnapshotAsync(accountId);

        var response = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input(accountId, amount, "CARD", $"pay-test-amount-{amount}"));

        Assert.Equal(["PAYMENT_AMOUNT_INVALID"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(accountId));
    }

    [Fact]
    public async Task An_unknown_account_is_refused_with_ACCOUNT_NOT_FOUND_and_nothing_is_written()
    {
        var totalBefore = await TotalPaymentsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input("acc-999999-r", 10, "CARD", "pay-test-unknown-account"));

        Assert.Equal(["ACCOUNT_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(totalBefore, await TotalPaymentsAsync());
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        Assert.False(await db.Payments.AnyAsync(p => p.IdempotencyKey == "pay-test-unknown-account"));
    }

    [Fact]
    public async Task An_invalid_payment_method_is_a_bad_user_input_error_and_nothing_is_written()
    {
        var totalBefore = await TotalPaymentsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input("acc-000016-r", 10, "CHEQUE", "pay-test-bad-method"));
        var inline = await fixture.As(TestCallers.Agent).PostAsync(
            """mutation { makePayment(input: { accountId: "acc-000016-r", amount: 10, method: CHEQUE, idempotencyKey: "pay-test-bad-method" }) { replayed } }""");

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], inline.ErrorCodes);
        Assert.Equal(totalBefore, await TotalPaymentsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_idempotency_key_is_refused_with_IDEMPOTENCY_KEY_INVALID(string key)
    {
        var totalBefore = await TotalPaymentsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input("acc-000016-r", 10, "CARD", key));

        Assert.Equal(["IDEMPOTENCY_KEY_INVALID"], response.ErrorCodes);
        Assert.Equal(totalBefore, await TotalPaymentsAsync());
    }

    [Fact]
    public async Task Make_payment_records_who_made_it()
    {
        var headers = new Dictionary<string, string>
        {
            [IdentityHeaders.Subject] = "agent-42",
            [IdentityHeaders.Role] = "agent",
        };

        (await fixture.As(TestCallers.Agent).PostAsync(MakePayment, Input("acc-000017-r", 3.5, "CASH", "pay-test-recorded-by"), headers)).EnsureNoErrors();

        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var payment = await db.Payments.SingleAsync(p => p.IdempotencyKey == "pay-test-recorded-by");
        Assert.Equal("agent-42", payment.RecordedBy);
    }

    [Fact]
    public async Task Set_autopay_turns_it_on_and_off()
    {
        const string mutation = """
            mutation($input: SetAutopayInput!) { setAutopay(input: $input) { account { id autopay { enabled method dayOfMonth } } } }
            """;

        var on = (await fixture.As(TestCallers.Agent).PostAsync(mutation, new { input = new { accountId = "acc-000018-r", enabled = true, method = "BANK", dayOfMonth = 15 } })).EnsureNoErrors();
        Assert.True(on.At("setAutopay", "account", "autopay", "enabled").GetBoolean());
        Assert.Equal("BANK", on.At("setAutopay", "account", "autopay", "method").GetString());
        Assert.Equal(15, on.At("setAutopay", "account", "autopay", "dayOfMonth").GetInt32());

        var off = (await fixture.As(TestCallers.Agent).PostAsync(mutation, new { input = new { accountId = "acc-000018-r", enabled = false } })).EnsureNoErrors();
        Assert.False(off.At("setAutopay", "account", "autopay", "enabled").GetBoolean());
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var account = await db.Accounts.SingleAsync(a => a.Id == "acc-000018-r");
        Assert.False(account.AutopayEnabled);
        Assert.Null(account.AutopayMethod);
    }

    [Theory]
    [InlineData("CASH", 10, "AUTOPAY_SETTINGS_INVALID")]
    [InlineData("CARD", 0, "AUTOPAY_SETTINGS_INVALID")]
    [InlineData("CARD", 29, "AUTOPAY_SETTINGS_INVALID")]
    public async Task Invalid_autopay_settings_are_refused_and_change_nothing(string method, int day, string code)
    {
        await using var before = fixture.Host.CreateDbContext<BillingDbContext>();
        var account = await before.Accounts.AsNoTracking().SingleAsync(a => a.Id == "acc-000019-r");

        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "mutation($input: SetAutopayInput!) { setAutopay(input: $input) { account { id } } }",
            new { input = new { accountId = "acc-000019-r", enabled = true, method, dayOfMonth = day } });

        Assert.Equal([code], response.ErrorCodes);
        await using var after = fixture.Host.CreateDbContext<BillingDbContext>();
        var unchanged = await after.Accounts.AsNoTracking().SingleAsync(a => a.Id == "acc-000019-r");
        Assert.Equal((account.AutopayEnabled, account.AutopayMethod, account.AutopayDayOfMonth), (unchanged.AutopayEnabled, unchanged.AutopayMethod, unchanged.AutopayDayOfMonth));
    }

    private static object Input(string accountId, double amount, string method, string idempotencyKey) =>
        new { input = new { accountId, amount, method, idempotencyKey } };

    private async Task<AccountSnapshot> SnapshotAsync(string accountId)
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        var balance = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.BalanceMinor).SingleAsync();
        var payments = await db.Payments.CountAsync(p => p.AccountId == accountId);
        var paid = await db.Bills.Where(b => b.AccountId == accountId).Select(b => b.PaidMinor).ToListAsync();
        return new AccountSnapshot(balance, payments, paid.Sum());
    }

    private async Task<Bill> OldestOpenBillAsync(string accountId)
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        return await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId && b.PaidMinor < b.AmountMinor).OrderBy(b => b.PeriodStart).FirstAsync();
    }

    private async Task<string> AccountWithOpenBillAsync()
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        return await db.Bills.Where(b => b.PaidMinor < b.AmountMinor && b.AccountId.StartsWith("acc-00003")).OrderBy(b => b.AccountId).Select(b => b.AccountId).FirstAsync();
    }

    private async Task<int> TotalPaymentsAsync()
    {
        await using var db = fixture.Host.CreateDbContext<BillingDbContext>();
        return await db.Payments.CountAsync();
    }

    private sealed record AccountSnapshot(long BalanceMinor, int Payments, long PaidOnBills);
}
