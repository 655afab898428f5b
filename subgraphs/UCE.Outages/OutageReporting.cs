using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UCE.Outages.Data;
using UCE.Outages.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Outages;

/// <summary>Files outage reports: validates them, attaches them to the outage that covers the location or opens one.</summary>
public sealed class OutageReporting(OutagesDbContext db, InteractionOutbox interactions, TimeProvider clock, ILogger<OutageReporting> logger)
{
    public async Task<ReportOutagePayload> ReportAsync(ReportOutageInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var locationId = input.ServiceLocationId?.Trim() ?? "";
        var description = input.Description?.Trim() ?? "";
        var contact = input.Contact?.Trim() ?? "";
        if (locationId.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "serviceLocationId must not be empty.");
        }

        if (description.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "description must not be empty.");
        }

        if (description.Length > OutageReportRules.MaxDescriptionLength)
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"description must be at most {OutageReportRules.MaxDescriptionLength} characters.");
        }

        if (contact.Length == 0 && caller.Role == CallerRole.Anonymous)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "contact is required when reporting without signing in.");
        }

        if (contact.Length > OutageReportRules.MaxContactLength)
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"contact must be at most {OutageReportRules.MaxContactLength} characters.");
        }

        var connection = await db.GridConnections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.LocationId == locationId, cancellationToken)
            ?? throw new DomainError(OutageErrorCodes.ServiceLocationNotFound, $"No service location has id '{locationId}'.");

        // Storms bring many reports from one feeder at once; serialising them per feeder keeps them on one outage
        // instead of each opening its own.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({connection.FeederName}))", cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outage = await FindCoveringOutageAsync(connection, cancellationToken);
        var created = outage is null;
        if (outage is null)
        {
            outage = Outage.Open(NewId("out"), connection, OutageCause.Unknown, now, caller.Subject);
            db.Outages.Add(outage);
        }
        else
        {
            outage.Affect(connection.LocationId);
        }

        var report = new OutageReport
        {
            Id = NewId("rpt"),
            OutageId = outage.Id,
            LocationId = connection.LocationId,
            ReportedBy = caller.Subject,
            CustomerId = caller.Role == CallerRole.Customer ? caller.CustomerId : null,
            Contact = contact.Length == 0 ? null : contact,
            ReportedAt = now,
            Description = description,
        };
        outage.Reports.Add(report);

        // Anybody may report an outage anywhere; only the premise's customer or an agent acting for them makes it their contact.
        if (caller.Role != CallerRole.Anonymous)
        {
            interactions.Add(
                db, InteractionEventTypes.OutageReported, connection.CustomerId, caller, "Outage",
                created ? $"Reported an outage; a new outage was opened: {description}" : $"Reported an outage; joined the outage already open: {description}",
                "Outage", outage.Id, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var changed in outage.PendingEvents)
        {
            logger.LogInformation(
                "Outage {OutageId} changed status from {PreviousStatus} to {Status} at {At}",
                changed.OutageId, changed.PreviousStatus, changed.Status, changed.At);
        }

        outage.ClearPendingEvents();
        return new ReportOutagePayload(report, outage, created);
    }

    /// <summary>An active outage that already lists the location, else an active one on the location's feeder.</summary>
    private async Task<Outage?> FindCoveringOutageAsync(GridConnection connection, CancellationToken cancellationToken)
    {
        var candidates = await db.Outages
            .Include(o => o.AffectedLocations)
            .Where(o => o.Status != OutageStatus.Restored
                && (o.FeederName == connection.FeederName
                    || o.AffectedLocations.Any(l => l.LocationId == connection.LocationId)))
            .ToListAsync(cancellationToken);
        return candidates
            .OrderByDescending(o => o.AffectedLocations.Exists(l => l.LocationId == connection.LocationId))
            .ThenByDescending(o => o.StartedAt)
            .FirstOrDefault();
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.CreateVersion7():N}";
}
