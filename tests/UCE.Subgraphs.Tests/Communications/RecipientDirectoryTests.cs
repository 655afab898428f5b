using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>Communications keeps its recipients in step with the directory stream; what is not a directory event is rejected.</summary>
public sealed class RecipientDirectoryTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    [Fact]
    public async Task Changed_contact_details_reach_the_recipient_once_and_a_second_delivery_changes_nothing()
    {
        var customer = DemoGraph.CustomerId(5);
        var consumer = fixture.Host.Services.GetRequiredService<DirectoryEventConsumer>();
        var changed = Entry(new DirectoryEvent
        {
            EventId = $"evt-{Guid.NewGuid():N}",
            Type = DirectoryEventTypes.ContactDetailsChanged,
            CustomerId = customer,
            Customer = new DirectoryCustomer("Adaeze Brennan", "adaeze.brennan@example.org", null, false),
            OccurredAt = DateTime.UtcNow,
        });

        Assert.Equal(StreamEntryOutcome.Applied, await consumer.ApplyAsync(changed, CancellationToken.None));
        Assert.Equal(StreamEntryOutcome.Duplicate, await consumer.ApplyAsync(changed, CancellationToken.None));

        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var recipient = await db.Recipients.AsNoTracking().SingleAsync(r => r.CustomerId == customer);
        Assert.Equal(("Adaeze", "adaeze.brennan@example.org", (string?)null), (recipient.FirstName, recipient.Email, recipient.Phone));
    }

    [Theory]
    [InlineData("not json", "has no directory event")]
    [InlineData("""{"eventId":"evt-1","type":"ACCOUNT_OPENED","customerId":"cus-000001","occurredAt":"2026-12-01T00:00:00Z"}""", "needs its account")]
    [InlineData("""{"eventId":"evt-2","type":"CUSTOMER_DELETED","customerId":"cus-000001","occurredAt":"2026-12-01T00:00:00Z"}""", "not a directory event type")]
    public async Task An_entry_that_is_not_a_directory_event_is_rejected_with_the_reason(string payload, string reason)
    {
        var consumer = fixture.Host.Services.GetRequiredService<DirectoryEventConsumer>();
        var outcome = await consumer.ApplyAsync(new StreamEntry("1-0", new Dictionary<string, string> { [OutboxMessage.PayloadField] = payload }), CancellationToken.None);
        Assert.Equal(StreamEntryOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
    }

    private static StreamEntry Entry(DirectoryEvent directoryEvent) => new("1-0", new Dictionary<string, string>
    {
        [OutboxMessage.EventIdField] = directoryEvent.EventId,
        [OutboxMessage.TypeField] = directoryEvent.Type,
        [OutboxMessage.PayloadField] = directoryEvent.ToJson(),
    });
}
