using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Customers.Events;
using UCE.Customers.Types;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Customers.Requests;

/// <summary>
/// Starts, stops and moves service, and onboards customers: each once per idempotency key, each in one transaction with its
/// service request, its interaction and its outbox event. A request dated today completes at once; a later one is
/// scheduled (the account opens as PENDING, or keeps its stop date until then).
/// </summary>
public sealed class ServiceRequests(
    IDbContextFactory<CustomersDbContext> contexts,
    IdempotentMutations idempotent,
    InteractionOutbox interactions,
    DirectoryOutbox directory,
    AccountNumbers numbers,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ServiceRequestOutcome> StartAsync(StartServiceInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        var request = new
        {
            CustomerId = input.CustomerId.Trim(),
            Address = RequestRules.Address(input.ServiceAddress, "serviceAddress"),
            StartOn = RequestRules.ServiceDate(input.StartOn, Today, "startOn"),
            input.Kind,
        };
        return await RequestAsync("startService", key, request, caller, async (db, now) =>
        {
            var segment = await SegmentAsync(db, request.CustomerId, cancellationToken);
            var opened = Open(db, request.CustomerId, segment, request.Address, request.Kind, request.StartOn, now);
            var serviceRequest = Add(db, ServiceRequestKind.Start, request.CustomerId, request.StartOn, opened.Id, null, caller, now);
            return (serviceRequest, $"Start service at {Describe(request.Address)} on {Day(request.StartOn)}");
        }, cancellationToken);
    }

    public async Task<ServiceRequestOutcome> StopAsync(StopServiceInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        var request = new { AccountId = input.AccountId.Trim(), StopOn = RequestRules.ServiceDate(input.StopOn, Today, "stopOn") };
        return await RequestAsync("stopService", key, request, caller, async (db, now) =>
        {
            var closed = await CloseAsync(db, request.AccountId, request.StopOn, now, cancellationToken);
            var serviceRequest = Add(db, ServiceRequestKind.Stop, closed.CustomerId, request.StopOn, null, closed.Id, caller, now);
            return (serviceRequest, $"Stop service on account {closed.Number} on {Day(request.StopOn)}");
        }, cancellationToken);
    }

    /// <summary>Closes the old account and opens one at the new address on the same day, in one transaction: both or neither.</summary>
    public async Task<ServiceRequestOutcome> MoveAsync(MoveServiceInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        var request = new
        {
            AccountId = input.AccountId.Trim(),
            Address = RequestRules.Address(input.NewServiceAddress, "newServiceAddress"),
            MoveOn = RequestRules.ServiceDate(input.MoveOn, Today, "moveOn"),
        };
        return await RequestAsync("moveService", key, request, caller, async (db, now) =>
        {
            var closed = await CloseAsync(db, request.AccountId, request.MoveOn, now, cancellationToken);
            var opened = Open(db, closed.CustomerId, await SegmentAsync(db, closed.CustomerId, cancellationToken), request.Address, closed.Kind, request.MoveOn, now);
            var serviceRequest = Add(db, ServiceRequestKind.Move, closed.CustomerId, request.MoveOn, opened.Id, closed.Id, caller, now);
            return (serviceRequest, $"Move service from account {closed.Number} to {Describe(request.Address)} on {Day(request.MoveOn)}");
        }, cancellationToken);
    }

    /// <summary>
    /// Cancels a scheduled request and undoes what it set up: the account it was to open closes without ever serving, the
    /// account it was to close loses its stop date. A request that is no longer scheduled is refused.
    /// </summary>
    public async Task<ServiceRequestOutcome> CancelAsync(CancelServiceRequestInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        var request = new { ServiceRequestId = input.ServiceRequestId.Trim() };
        var outcome = await idempotent.RunAsync("cancelServiceRequest", key, request, async (db, now) =>
        {
            var id = request.ServiceRequestId;
            var cancelled = await db.ServiceRequests
                .Where(r => r.Id == id && r.Status == ServiceRequestStatus.Scheduled)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ServiceRequestStatus.Cancelled), cancellationToken);
            var serviceRequest = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw CustomerErrors.ServiceRequestNotFound(id);
            if (cancelled == 0)
            {
                throw CustomerErrors.ServiceRequestNotScheduled(id);
            }

            await db.Accounts
                .Where(a => a.Id == serviceRequest.OpenedAccountId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, AccountStatus.Closed).SetProperty(a => a.ClosesOn, a => a.Opened), cancellationToken);
            await db.Accounts
                .Where(a => a.Id == serviceRequest.ClosedAccountId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.ClosesOn, (DateOnly?)null), cancellationToken);
            if (serviceRequest.OpenedAccountId is { } neverOpened)
            {
                directory.Add(db, DirectoryEventTypes.AccountClosed, serviceRequest.CustomerId, null,
                    await DirectoryRecords.AccountAsync(db, neverOpened, cancellationToken), now);
            }

            InteractionRecords.AddTo(db, interactions.Add(
                db, InteractionEventTypes.ServiceRequestCancelled, serviceRequest.CustomerId, caller, "Cancel service request",
                $"Cancelled the {serviceRequest.Kind.ToString().ToLowerInvariant()} request for {Day(serviceRequest.ScheduledFor)} ({serviceRequest.ConfirmationNumber}).",
                "ServiceRequest", serviceRequest.Id, now));
            return serviceRequest.Id;
        }, cancellationToken);
        return await LoadAsync(outcome, cancellationToken);
    }

    /// <summary>A new customer with a service location, a first account and the request that starts it.</summary>
    public async Task<CustomerOutcome> OnboardAsync(OnboardCustomerInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var key = IdempotentMutations.ValidKey(input.IdempotencyKey);
        var request = new
        {
            Name = RequestRules.Name(input.Name),
            Email = RequestRules.Email(input.Email),
            Phone = RequestRules.Phone(input.Phone),
            input.Segment,
            Address = RequestRules.Address(input.ServiceAddress, "serviceAddress"),
            Mailing = input.MailingAddress is null ? null : RequestRules.Address(input.MailingAddress, "mailingAddress"),
            StartOn = RequestRules.ServiceDate(input.StartOn, Today, "startOn"),
        };
        var outcome = await idempotent.RunAsync("onboardCustomer", key, request, (db, now) =>
        {
            var customer = new Customer
            {
                Id = AccountNumbers.NewId("cus"),
                Name = request.Name,
                Email = request.Email,
                Phone = request.Phone,
                Segment = request.Segment,
                Since = DateOnly.FromDateTime(now),
                MailingAddress = request.Mailing,
            };
            db.Customers.Add(customer);
            directory.Add(db, DirectoryEventTypes.CustomerOnboarded, customer.Id, DirectoryRecords.Customer(customer), null, now);
            var opened = Open(db, customer.Id, customer.Segment, request.Address, AccountKind.Regulated, request.StartOn, now);
            var serviceRequest = Add(db, ServiceRequestKind.Start, customer.Id, request.StartOn, opened.Id, null, caller, now);
            InteractionRecords.AddTo(db, interactions.Add(
                db, InteractionEventTypes.CustomerOnboarded, customer.Id, caller, "New customer",
                $"Became a customer; service starts at {Describe(request.Address)} on {Day(request.StartOn)} ({serviceRequest.ConfirmationNumber}).",
                "ServiceRequest", serviceRequest.Id, now));
            return Task.FromResult(serviceRequest.Id);
        }, cancellationToken);
        var loaded = await LoadAsync(outcome, cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var onboarded = await read.Customers.AsNoTracking().SingleAsync(c => c.Id == loaded.ServiceRequest.CustomerId, cancellationToken);
        return new CustomerOutcome(onboarded, loaded.ServiceRequest, loaded.Replayed);
    }

    /// <summary>Opens an account at a new service location and tells the other subgraphs (the directory event).</summary>
    private Account Open(CustomersDbContext db, string customerId, CustomerSegment segment, PostalAddress address, AccountKind kind, DateOnly on, DateTime now)
    {
        var location = new ServiceLocation
        {
            Id = AccountNumbers.NewId("loc"),
            CustomerId = customerId,
            Line1 = address.Line1,
            City = address.City,
            State = address.State,
            PostalCode = address.PostalCode,
            PremiseId = AccountNumbers.NewId("prm"),
            MeterId = AccountNumbers.NewId("mtr"),
        };
        var account = new Account
        {
            Id = AccountNumbers.NewId("acc"),
            Number = numbers.Next(),
            Kind = kind,
            Status = on <= DateOnly.FromDateTime(now) ? AccountStatus.Active : AccountStatus.Pending,
            Opened = on,
            CustomerId = customerId,
            ServiceLocationId = location.Id,
        };
        db.ServiceLocations.Add(location);
        db.Accounts.Add(account);
        directory.Add(db, DirectoryEventTypes.AccountOpened, customerId, null,
            DirectoryRecords.Account(account, location, segment == CustomerSegment.Commercial), now);
        return account;
    }

    private static async Task<CustomerSegment> SegmentAsync(CustomersDbContext db, string customerId, CancellationToken cancellationToken) =>
        await db.Customers.Where(c => c.Id == customerId).Select(c => (CustomerSegment?)c.Segment).SingleOrDefaultAsync(cancellationToken)
            ?? throw CustomerErrors.CustomerNotFound(customerId);

    /// <summary>
    /// Sets the stop date of an active account without one (closing it when the date is today), in the caller's transaction,
    /// as one conditional update: of two concurrent stops only one finds the account still open.
    /// </summary>
    private async Task<Account> CloseAsync(CustomersDbContext db, string accountId, DateOnly on, DateTime now, CancellationToken cancellationToken)
    {
        var status = on <= DateOnly.FromDateTime(now) ? AccountStatus.Closed : AccountStatus.Active;
        var updated = await db.Accounts
            .Where(a => a.Id == accountId && a.Status == AccountStatus.Active && a.ClosesOn == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ClosesOn, on).SetProperty(a => a.Status, status), cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw CustomerErrors.AccountNotFound(accountId);
        if (updated != 1)
        {
            throw CustomerErrors.AccountNotActive(accountId);
        }

        directory.Add(db, DirectoryEventTypes.AccountClosed, account.CustomerId, null, await DirectoryRecords.AccountAsync(db, accountId, cancellationToken), now);
        return account;
    }

    private static ServiceRequest Add(
        CustomersDbContext db, ServiceRequestKind kind, string customerId, DateOnly on, string? openedAccountId, string? closedAccountId, CallerIdentity caller, DateTime now)
    {
        var request = new ServiceRequest
        {
            Id = AccountNumbers.NewId("sr"),
            ConfirmationNumber = AccountNumbers.NewConfirmationNumber(),
            CustomerId = customerId,
            Kind = kind,
            Status = on <= DateOnly.FromDateTime(now) ? ServiceRequestStatus.Completed : ServiceRequestStatus.Scheduled,
            ScheduledFor = on,
            OpenedAccountId = openedAccountId,
            ClosedAccountId = closedAccountId,
            RequestedAt = now,
            RequestedBy = caller.Subject,
        };
        db.ServiceRequests.Add(request);
        return request;
    }

    /// <summary>
    /// Runs a start, stop or move once per key: <paramref name="change"/> makes the request and says what it asks for in words,
    /// which becomes the interaction it records; answers the request as stored.
    /// </summary>
    private async Task<ServiceRequestOutcome> RequestAsync<TInput>(
        string operation,
        string key,
        TInput input,
        CallerIdentity caller,
        Func<CustomersDbContext, DateTime, Task<(ServiceRequest Request, string What)>> change,
        CancellationToken cancellationToken)
    {
        var outcome = await idempotent.RunAsync(operation, key, input, async (db, now) =>
        {
            var (request, what) = await change(db, now);
            var topic = request.Kind switch
            {
                ServiceRequestKind.Start => "Start service",
                ServiceRequestKind.Stop => "Stop service",
                _ => "Move service",
            };
            InteractionRecords.AddTo(db, interactions.Add(
                db, InteractionEventTypes.ServiceRequested, request.CustomerId, caller, topic,
                $"{what} ({request.ConfirmationNumber}).", "ServiceRequest", request.Id, now));
            return request.Id;
        }, cancellationToken);
        return await LoadAsync(outcome, cancellationToken);
    }

    private async Task<ServiceRequestOutcome> LoadAsync(IdempotentOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == outcome.ResultId, cancellationToken);
        return new ServiceRequestOutcome(request, outcome.Replayed);
    }

    private static string Describe(PostalAddress address) => $"{address.Line1}, {address.City}, {address.State} {address.PostalCode}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
