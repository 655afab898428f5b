using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Customers.Events;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Interactions;

/// <summary>
/// The customers subgraph reads the interaction stream into <c>Customer.interactions</c> exactly once per event id, whatever the
/// deliveries, and dead-letters what is not an interaction event without holding up what follows. The same tests run on
/// Redis and on the in-process stream of the embedded default.
/// </summary>
public abstract class InteractionConsumerTests : IAsyncLifetime
{
    private readonly string stream = TestRedis.UniqueName("interactions");
    private PostgresDatabase? database;
    private SubgraphTestHost? customers;

    protected abstract bool UsesRedis { get; }

    private SubgraphTestHost Customers => customers!;

    private IEventStream Stream => Customers.Services.GetRequiredService<IEventStream>();

    private string DeadLetters => $"{stream}:customers:dead";

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Interactions:Stream"] = stream,
            ["Interactions:ConsumerEnabled"] = "false",
        };
        if (UsesRedis)
        {
            settings["ConnectionStrings:Redis"] = TestRedis.Configuration;
        }

        database = await PostgresDatabase.CreateAsync("interactions_consumer");
        customers = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, configuration: settings);
    }

    public async Task DisposeAsync()
    {
        if (customers is not null)
        {
            await customers.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (UsesRedis)
        {
            await TestRedis.DeleteAsync(stream, DeadLetters);
        }
    }

    [Fact]
    public async Task An_event_delivered_twice_is_recorded_once()
    {
        var interaction = Payment(DemoGraph.CustomerId(1));
        var fields = Fields(interaction);
        await Stream.AddAsync(stream, fields);
        await Stream.AddAsync(stream, fields);

        await ConsumeAsync(Consumer("c1"));

        var recorded = Assert.Single(await RecordedAsync(interaction.EventId));
        Assert.Equal(InteractionChannel.Web, recorded.Channel);
        Assert.Equal("PAYMENT_MADE", recorded.EventType);
        Assert.Equal("billing", recorded.Source);
        Assert.Equal(("Payment", "pay-test-1"), (recorded.SubjectType, recorded.SubjectId));
        Assert.Equal(0, await Stream.PendingCountAsync(stream, "customers"));
        Assert.Empty(await Stream.RangeAsync(DeadLetters, 10));
    }

    [Fact]
    public async Task An_event_recorded_by_a_consumer_that_stopped_before_acknowledging_it_is_not_recorded_again_by_the_one_that_claims_it()
    {
        var interaction = Payment(DemoGraph.CustomerId(2));
        await Stream.EnsureGroupAsync(stream, "customers");
        await Stream.AddAsync(stream, Fields(interaction));
        var held = Assert.Single(await Stream.ReadNewAsync(stream, "customers", "stopped", 10));
        Assert.Equal(StreamEntryOutcome.Applied, await Customers.Services.GetRequiredService<InteractionRecorder>().RecordAsync(held, CancellationToken.None));

        await ConsumeAsync(Consumer("claimer", claimIdle: TimeSpan.Zero));

        Assert.Single(await RecordedAsync(interaction.EventId));
        Assert.Equal(0, await Stream.PendingCountAsync(stream, "customers"));
        Assert.Empty(await Stream.RangeAsync(DeadLetters, 10));
    }

    [Fact]
    public async Task Entries_that_are_not_interaction_events_are_dead_lettered_with_a_reason_and_later_events_are_recorded()
    {
        var valid = Payment(DemoGraph.CustomerId(3));
        await Stream.AddAsync(stream, new Dictionary<string, string> { ["something"] = "else" });
        await Stream.AddAsync(stream, new Dictionary<string, string> { [OutboxMessage.PayloadField] = "{ not json" });
        await Stream.AddAsync(stream, Fields(Payment(DemoGraph.CustomerId(3)) with { Channel = "CARRIER_PIGEON" }));
        await Stream.AddAsync(stream, Fields(Payment("cus-999999")));
        await Stream.AddAsync(stream, Fields(Payment(DemoGraph.CustomerId(3)) with { SubjectId = null }));
        await Stream.AddAsync(stream, Fields(valid));

        await ConsumeAsync(Consumer("c1"));

        Assert.Single(await RecordedAsync(valid.EventId));
        var dead = await Stream.RangeAsync(DeadLetters, 10);
        Assert.Equal(5, dead.Count);
        Assert.Contains("no interaction event", dead[0].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
        Assert.Contains("no interaction event", dead[1].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
        Assert.Contains("CARRIER_PIGEON", dead[2].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
        Assert.Contains("cus-999999", dead[3].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
        Assert.Contains("subject", dead[4].Field(DeadLetterFields.Reason), StringComparison.Ordinal);
        Assert.All(dead, entry => Assert.Equal(stream, entry.Field(DeadLetterFields.Stream)));
        Assert.Equal(0, await Stream.PendingCountAsync(stream, "customers"));
    }

    [Fact]
    public async Task Recorded_events_appear_in_the_customers_interactions_with_their_subject_and_the_seeded_history_stays()
    {
        var customer = DemoGraph.CustomerId(4);
        const string Query = "query($id: ID!) { customer(id: $id) { interactions { id eventType topic summary source subject { type id } } } }";
        var before = (await Customers.As(TestCallers.Agent).PostAsync(Query, new { id = customer })).EnsureNoErrors().At("customer", "interactions").GetArrayLength();
        var interaction = Payment(customer) with { OccurredAt = DateTime.UtcNow.AddMinutes(1) };
        await Stream.AddAsync(stream, Fields(interaction));

        await ConsumeAsync(Consumer("c1"));

        var history = (await Customers.As(TestCallers.Customer(customer)).PostAsync(Query, new { id = customer })).EnsureNoErrors().At("customer", "interactions");
        Assert.Equal(before + 1, history.GetArrayLength());
        var newest = history[0];
        Assert.Equal("PAYMENT_MADE", newest.GetProperty("eventType").GetString());
        Assert.Equal("Payment", newest.GetProperty("subject").GetProperty("type").GetString());
        Assert.Equal("pay-test-1", newest.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, history[1].GetProperty("subject").ValueKind);
    }

    private StreamConsumer Consumer(string name, TimeSpan? claimIdle = null) =>
        Customers.Services.GetRequiredService<InteractionEventConsumer>().Interactions(
            Customers.Services.GetRequiredService<InteractionStreamOptions>().ConsumerOptions() with
            {
                Consumer = name,
                ClaimIdleTime = claimIdle ?? TimeSpan.FromSeconds(30),
            });

    /// <summary>Handles entries until a pass finds none.</summary>
    private static async Task ConsumeAsync(StreamConsumer consumer)
    {
        while (await consumer.ProcessOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<List<Interaction>> RecordedAsync(string eventId)
    {
        await using var db = Customers.CreateDbContext<CustomersDbContext>();
        return await db.Interactions.AsNoTracking().Where(i => i.EventId == eventId).ToListAsync();
    }

    private static InteractionEvent Payment(string customerId) => new()
    {
        EventId = InteractionOutbox.NewEventId(),
        Type = InteractionEventTypes.PaymentMade,
        CustomerId = customerId,
        Channel = InteractionChannels.Web,
        Topic = "Payment",
        Summary = "Paid 25.00 USD by card.",
        SubjectType = "Payment",
        SubjectId = "pay-test-1",
        OccurredAt = DateTime.UtcNow,
        Source = "billing",
    };

    private static IReadOnlyDictionary<string, string> Fields(InteractionEvent interaction) => new OutboxMessage
    {
        EventId = interaction.EventId,
        Stream = "unused",
        Type = interaction.Type,
        Payload = interaction.ToJson(),
    }.ToStreamFields();
}

/// <summary><see cref="InteractionConsumerTests"/> on Redis Streams.</summary>
public sealed class InteractionConsumerOnRedisTests : InteractionConsumerTests
{
    protected override bool UsesRedis => true;
}

/// <summary><see cref="InteractionConsumerTests"/> on the in-process stream of the embedded default.</summary>
public sealed class InteractionConsumerInProcessTests : InteractionConsumerTests
{
    protected override bool UsesRedis => false;
}
