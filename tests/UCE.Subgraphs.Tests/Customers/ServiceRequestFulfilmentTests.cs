using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Customers.Requests;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>Scheduled service requests complete on their day: accounts open and close, the history and the directory are told, once.</summary>
public sealed class ServiceRequestFulfilmentTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private const string Fields = "serviceRequest { id status openedAccount { id status } closedAccount { id status closesOn } }";
    private static readonly string Start = $"mutation($input: StartServiceInput!) {{ startService(input: $input) {{ {Fields} }} }}";
    private static readonly string Move = $"mutation($input: MoveServiceInput!) {{ moveService(input: $input) {{ {Fields} }} }}";
    private static readonly string Cancel = $"mutation($input: CancelServiceRequestInput!) {{ cancelServiceRequest(input: $input) {{ {Fields} }} }}";
    private static readonly object NewAddress = new { line1 = "8 Quarry Lane", city = "Madison", state = "WI", postalCode = "53704" };

    [Fact]
    public async Task A_scheduled_move_completes_on_its_day_closing_the_old_account_and_activating_the_new_one_once()
    {
        var customer = DemoGraph.CustomerId(11);
        var oldAccount = DemoGraph.RegulatedAccountId(11);
        var moved = (await fixture.As(TestCallers.Customer(customer)).PostAsync(Move, new
        {
            input = new { accountId = oldAccount, newServiceAddress = NewAddress, moveOn = ServiceRequestTests.Day(10), idempotencyKey = ServiceRequestTests.Key() },
        })).EnsureNoErrors().At("moveService", "serviceRequest");
        var requestId = moved.GetProperty("id").GetString()!;
        var newAccount = moved.GetProperty("openedAccount").GetProperty("id").GetString()!;
        Assert.Equal("PENDING", moved.GetProperty("openedAccount").GetProperty("status").GetString());
        Assert.Equal("ACTIVE", moved.GetProperty("closedAccount").GetProperty("status").GetString());

        // The day before: nothing is due.
        Assert.Equal(0, await FulfilmentOn(9).RunOnceAsync(CancellationToken.None));
        Assert.Equal(ServiceRequestStatus.Scheduled, (await RequestAsync(requestId)).Status);

        var onTheDay = FulfilmentOn(10);
        Assert.True(await onTheDay.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal(ServiceRequestStatus.Completed, (await RequestAsync(requestId)).Status);
        await using (var db = fixture.Host.CreateDbContext<CustomersDbContext>())
        {
            Assert.Equal(AccountStatus.Closed, (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == oldAccount)).Status);
            Assert.Equal(AccountStatus.Active, (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == newAccount)).Status);
            var completed = Assert.Single(await db.Interactions.AsNoTracking()
                .Where(i => i.SubjectId == requestId && i.EventType == "SERVICE_REQUEST_COMPLETED").ToListAsync());
            Assert.Equal(InteractionChannel.Web, completed.Channel);
            Assert.Contains("Service moved", completed.Summary, StringComparison.Ordinal);
        }

        var events = await DirectoryEventsAsync(newAccount);
        Assert.Equal([DirectoryEventTypes.AccountOpened, DirectoryEventTypes.AccountActivated], events.Select(e => e.Type));
        Assert.Contains(await DirectoryEventsAsync(oldAccount), e => e.Type == DirectoryEventTypes.AccountClosed && e.Account!.ClosesOn == DateOnly.Parse(ServiceRequestTests.Day(10), System.Globalization.CultureInfo.InvariantCulture));

        // Again, and from a second instance at once: nothing more happens.
        var again = await Task.WhenAll(onTheDay.RunOnceAsync(CancellationToken.None), FulfilmentOn(11).RunOnceAsync(CancellationToken.None));
        Assert.Equal([0, 0], again);
        Assert.Equal(2, (await DirectoryEventsAsync(newAccount)).Count);
    }

    [Fact]
    public async Task A_cancelled_request_is_never_completed()
    {
        var customer = DemoGraph.CustomerId(12);
        var started = (await fixture.As(TestCallers.Customer(customer)).PostAsync(Start, new
        {
            input = new { customerId = customer, serviceAddress = NewAddress, startOn = ServiceRequestTests.Day(5), idempotencyKey = ServiceRequestTests.Key() },
        })).EnsureNoErrors().At("startService", "serviceRequest");
        var requestId = started.GetProperty("id").GetString()!;
        var account = started.GetProperty("openedAccount").GetProperty("id").GetString()!;
        (await fixture.As(TestCallers.Customer(customer)).PostAsync(Cancel, new
        {
            input = new { serviceRequestId = requestId, idempotencyKey = ServiceRequestTests.Key() },
        })).EnsureNoErrors();

        await FulfilmentOn(6).RunOnceAsync(CancellationToken.None);

        Assert.Equal(ServiceRequestStatus.Cancelled, (await RequestAsync(requestId)).Status);
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        Assert.Equal(AccountStatus.Closed, (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account)).Status);
        Assert.Equal([DirectoryEventTypes.AccountOpened, DirectoryEventTypes.AccountClosed], (await DirectoryEventsAsync(account)).Select(e => e.Type));
    }

    /// <summary>The fulfilment as it runs <paramref name="days"/> days from today (noon UTC).</summary>
    private ServiceRequestFulfilment FulfilmentOn(int days)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(days).AddHours(12), TimeSpan.Zero));
        return ActivatorUtilities.CreateInstance<ServiceRequestFulfilment>(fixture.Host.Services, clock);
    }

    private async Task<ServiceRequest> RequestAsync(string id)
    {
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        return await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    /// <summary>The directory events about <paramref name="accountId"/> in the outbox, in the order they were written.</summary>
    private async Task<List<DirectoryEvent>> DirectoryEventsAsync(string accountId)
    {
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Stream == "uce:directory").OrderBy(m => m.Id).ToListAsync();
        return [.. rows.Select(m => DirectoryEvent.Read(m.Payload)!).Where(e => e.Account?.Id == accountId)];
    }
}
