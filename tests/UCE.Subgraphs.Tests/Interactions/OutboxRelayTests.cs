using Microsoft.EntityFrameworkCore;
using UCE.Billing;
using UCE.Billing.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Interactions;

/// <summary>
/// The outbox relay: rows written while no relay runs are published once one does (after a restart), each row once
/// even with two relays over one database, in the order they were written. On Redis and on the in-process stream.
/// </summary>
public abstract class OutboxRelayTests : IAsyncLifetime
{
    private const string MakePayment = """
        mutation($input: MakePaymentInput!) { makePayment(input: $input) { payment { id } } }
        """;

    private readonly string stream = TestRedis.UniqueName("interactions");
    private readonly List<SubgraphTestHost> hosts = [];
    private PostgresDatabase? database;
    private IEventStream? shared;

    protected abstract bool UsesRedis { get; }

    /// <summary>The stream as a reader sees it: Redis, or the in-process stream every host of the test shares.</summary>
    private IEventStream Stream => shared ?? new RedisEventStream(TestRedis.Connection);

    public async Task InitializeAsync()
    {
        shared = UsesRedis ? null : new InProcessEventStream(TimeProvider.System);
        database = await PostgresDatabase.CreateAsync("outbox_relay");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (UsesRedis)
        {
            await TestRedis.DeleteAsync(stream);
        }
    }

    [Fact]
    public async Task A_payment_written_while_no_relay_runs_is_published_once_a_restarted_billing_runs_one()
    {
        var stopped = await StartBillingAsync(relay: false, seed: true);
        var account = DemoGraph.RegulatedAccountId(1);
        var payment = (await stopped.As(TestCallers.Customer(DemoGraph.CustomerId(1))).PostAsync(MakePayment, new
        {
            input = new { accountId = account, amount = 12.5, method = "CARD", idempotencyKey = $"relay-{Guid.NewGuid():N}" },
        })).EnsureNoErrors().At("makePayment", "payment", "id").GetString();

        var row = Assert.Single(await OutboxAsync(stopped));
        Assert.Null(row.SentAt);
        Assert.Equal(InteractionEventTypes.PaymentMade, row.Type);
        Assert.Empty(await Stream.RangeAsync(stream, 10));
        await StopAsync(stopped);

        var restarted = await StartBillingAsync(relay: true, seed: false);

        await Eventually.TrueAsync(async () => (await OutboxAsync(restarted)).All(m => m.SentAt is not null), "the relay marks the row sent");
        var entry = Assert.Single(await Stream.RangeAsync(stream, 10));
        Assert.Equal(row.EventId, entry.Field(OutboxMessage.EventIdField));
        var published = InteractionEvent.Read(entry.Field(OutboxMessage.PayloadField))!;
        Assert.Equal(DemoGraph.CustomerId(1), published.CustomerId);
        Assert.Equal(("Payment", payment), (published.SubjectType, published.SubjectId));
        Assert.Equal(InteractionChannels.Web, published.Channel);
        Assert.Equal("billing", published.Source);
    }

    [Fact]
    public async Task Two_relays_over_one_database_publish_every_row_once()
    {
        const int Rows = 120;
        var writer = await StartBillingAsync(relay: false, seed: true);
        await using (var db = writer.CreateDbContext<BillingDbContext>())
        {
            db.Set<OutboxMessage>().AddRange(Enumerable.Range(1, Rows).Select(n => new OutboxMessage
            {
                EventId = $"evt-relay-{n:D4}",
                Stream = stream,
                Type = "TEST",
                Payload = "{}",
                CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        await StopAsync(writer);
        var first = await StartBillingAsync(relay: true, seed: false, batchSize: 7);
        await StartBillingAsync(relay: true, seed: false, batchSize: 7);

        await Eventually.TrueAsync(async () => (await OutboxAsync(first)).All(m => m.SentAt is not null), "both relays mark every row sent");
        var entries = await Stream.RangeAsync(stream, Rows * 2);
        var ids = entries.Select(e => e.Field(OutboxMessage.EventIdField)).ToList();
        Assert.Equal(Rows, ids.Count);
        Assert.Equal(Rows, ids.Distinct().Count());
    }

    private async Task<SubgraphTestHost> StartBillingAsync(bool relay, bool seed, int batchSize = 100)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Interactions:Stream"] = stream,
            ["Outbox:RelayEnabled"] = relay ? "true" : "false",
            ["Outbox:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbox:PollInterval"] = "00:00:00.100",
        };
        if (UsesRedis)
        {
            settings["ConnectionStrings:Redis"] = TestRedis.Configuration;
        }

        var host = await SubgraphTestHost.StartAsync(new BillingSubgraph(), database!.ConnectionString, seedDemoData: seed, configuration: settings, sharedEventStream: shared);
        hosts.Add(host);
        return host;
    }

    private async Task StopAsync(SubgraphTestHost host)
    {
        hosts.Remove(host);
        await host.DisposeAsync();
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(SubgraphTestHost host)
    {
        await using var db = host.CreateDbContext<BillingDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }
}

/// <summary><see cref="OutboxRelayTests"/> on Redis Streams.</summary>
public sealed class OutboxRelayOnRedisTests : OutboxRelayTests
{
    protected override bool UsesRedis => true;
}

/// <summary><see cref="OutboxRelayTests"/> on the in-process stream of the embedded default.</summary>
public sealed class OutboxRelayInProcessTests : OutboxRelayTests
{
    protected override bool UsesRedis => false;
}
