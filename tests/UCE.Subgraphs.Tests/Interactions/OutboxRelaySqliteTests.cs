using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Interactions;

/// <summary>The embedded default's path: the relay on SQLite (no row locks to skip) publishes to the in-process stream.</summary>
public sealed class OutboxRelaySqliteTests
{
    [Fact]
    public async Task On_sqlite_a_payment_reaches_the_in_process_stream_and_its_row_is_marked_sent()
    {
        var stream = new InProcessEventStream(TimeProvider.System);
        await using var billing = await SubgraphTestHost.StartAsync(new BillingSubgraph(), connectionString: null, sharedEventStream: stream);

        var payment = (await billing.As(TestCallers.Customer(DemoGraph.CustomerId(2))).PostAsync(
            "mutation($input: MakePaymentInput!) { makePayment(input: $input) { payment { id } } }",
            new { input = new { accountId = DemoGraph.RegulatedAccountId(2), amount = 3, method = "WALLET", idempotencyKey = $"sqlite-{Guid.NewGuid():N}" } }))
            .EnsureNoErrors().At("makePayment", "payment", "id").GetString();

        await Eventually.TrueAsync(async () => (await stream.RangeAsync("uce:interactions", 10)).Count == 1, "the payment's event is on the stream");
        var published = InteractionEvent.Read(Assert.Single(await stream.RangeAsync("uce:interactions", 10)).Field(OutboxMessage.PayloadField))!;
        Assert.Equal(payment, published.SubjectId);
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = billing.CreateDbContext<BillingDbContext>();
                return await db.Set<OutboxMessage>().AllAsync(m => m.SentAt != null);
            },
            "the row is marked sent");
    }
}
