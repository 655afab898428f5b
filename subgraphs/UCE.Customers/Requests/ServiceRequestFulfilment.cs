using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Customers.Data;
using UCE.Customers.Events;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Events.Directory;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Customers.Requests;

/// <summary>
/// Completes scheduled service requests when their day comes: the account a start or move opens becomes ACTIVE, the account
/// a stop or move closes becomes CLOSED, the request COMPLETED, and the customer's history and the directory stream are
/// told — one transaction per request. The completion is one conditional update, so two instances running at once (or a
/// cancellation racing it) complete a request at most once. Runs at start and then every
/// <c>Customers:Fulfilment:Interval</c> (default one minute), unless <c>Customers:Fulfilment:Enabled</c> is false.
/// </summary>
public sealed class ServiceRequestFulfilment(
    IDbContextFactory<CustomersDbContext> contexts,
    InteractionOutbox interactions,
    DirectoryOutbox directory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ServiceRequestFulfilment> logger) : BackgroundService
{
    /// <summary>The configuration key of the pause between passes.</summary>
    public const string IntervalKey = "Customers:Fulfilment:Interval";

    /// <summary>
    /// The configuration key that turns the job off in this instance (on by default; running it in several instances is
    /// safe, one is enough).
    /// </summary>
    public const string EnabledKey = "Customers:Fulfilment:Enabled";

    private const int BatchSize = 100;

    private static readonly CallerIdentity Scheduler = CallerIdentity.Anonymous;

    /// <summary>Completes every scheduled request due today or earlier; returns how many it completed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        while (true)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            List<string> due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                due = await db.ServiceRequests.AsNoTracking()
                    .Where(r => r.Status == ServiceRequestStatus.Scheduled && r.ScheduledFor <= today)
                    .OrderBy(r => r.ScheduledFor).ThenBy(r => r.Id)
                    .Select(r => r.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
            }

            var passCompleted = 0;
            foreach (var id in due)
            {
                if (await CompleteAsync(id, cancellationToken))
                {
                    passCompleted++;
                }
            }

            completed += passCompleted;
            if (due.Count < BatchSize || passCompleted == 0)
            {
                return completed;
            }
        }
    }

    private async Task<bool> CompleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.ServiceRequests
            .Where(r => r.Id == id && r.Status == ServiceRequestStatus.Scheduled)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ServiceRequestStatus.Completed), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        var request = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        if (request.ClosedAccountId is { } closing)
        {
            var closed = await db.Accounts
                .Where(a => a.Id == closing && a.Status != AccountStatus.Closed)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, AccountStatus.Closed), cancellationToken);
            if (closed == 1)
            {
                directory.Add(db, DirectoryEventTypes.AccountClosed, request.CustomerId, null,
                    await DirectoryRecords.AccountAsync(db, closing, cancellationToken), now);
            }
        }

        if (request.OpenedAccountId is { } opening)
        {
            var activated = await db.Accounts
                .Where(a => a.Id == opening && a.Status == AccountStatus.Pending)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, AccountStatus.Active), cancellationToken);
            if (activated == 1)
            {
                directory.Add(db, DirectoryEventTypes.AccountActivated, request.CustomerId, null,
                    await DirectoryRecords.AccountAsync(db, opening, cancellationToken), now);
            }
        }

        var what = request.Kind switch
        {
            ServiceRequestKind.Start => "Service started",
            ServiceRequestKind.Stop => "Service stopped",
            _ => "Service moved",
        };
        // Told on the channel the request came in on (its interaction's), so the history reads as one conversation.
        var channel = await db.Interactions.AsNoTracking()
            .Where(i => i.SubjectType == "ServiceRequest" && i.SubjectId == request.Id)
            .OrderBy(i => i.At)
            .Select(i => (InteractionChannel?)i.Channel)
            .FirstOrDefaultAsync(cancellationToken);
        InteractionRecords.AddTo(db, interactions.Add(
            db, InteractionEventTypes.ServiceRequestCompleted, request.CustomerId, Scheduler, what,
            $"{what} on {request.ScheduledFor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} as requested ({request.ConfirmationNumber}).",
            "ServiceRequest", request.Id, now, channel is { } known ? InteractionChannelNames.NameOf(known) : InteractionChannels.Web));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            return;
        }

        var interval = configuration.GetValue<TimeSpan?>(IntervalKey) ?? TimeSpan.FromMinutes(1);
        using var uncounted = SqlCommandCounter.Uncounted();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var completed = await RunOnceAsync(stoppingToken);
                if (completed > 0)
                {
                    logger.LogInformation("Completed {Count} scheduled service requests", completed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (the database away, a timeout), the job must not stop the host: the next pass tries again.
                logger.LogWarning(error, "Completing scheduled service requests failed; tried again in {Interval}", interval);
            }

            await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
