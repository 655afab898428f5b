using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Outages.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Outages.Events;

/// <summary>
/// <c>updateOutageStatus</c>: the operator's change becomes a grid event with a generated id (<c>op-…</c>) and goes through
/// <see cref="GridEventApplier"/> in this request, so it obeys the same rules, lands in the same history and publishes the
/// same change as an event from the grid, and its refusal reaches the operator as an error instead of a dead letter.
/// </summary>
public sealed class OutageStatusUpdates(GridEventApplier applier, IDbContextFactory<OutagesDbContext> contexts, TimeProvider clock)
{
    public async Task<UpdateOutageStatusPayload> UpdateAsync(UpdateOutageStatusInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var outageId = input.OutageId?.Trim() ?? "";
        if (outageId.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "outageId must not be empty.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await db.Outages.Where(o => o.Id == outageId).Select(o => (OutageStatus?)o.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainError(OutageErrorCodes.OutageNotFound, $"No outage has id '{outageId}'.");

        // The same status with a new estimate is an estimate change; any other status is a step of the life cycle.
        var type = input.Status == current && input.EstimatedRestorationAt is not null
            ? GridEventType.RestorationEstimateChanged
            : GridEventTypes.EventFor(input.Status)
                ?? throw new DomainError(OutageErrorCodes.OutageStatusTransitionInvalid, $"Outage {outageId} cannot move from {current} to {input.Status}.");
        var gridEvent = new GridEvent($"op-{Guid.CreateVersion7():N}", type, outageId, clock.GetUtcNow().UtcDateTime)
        {
            Source = caller.Subject,
            EstimatedRestorationAt = input.EstimatedRestorationAt is { } estimate ? AsUtc(estimate) : null,
        };
        var result = await applier.ApplyAsync(gridEvent, cancellationToken);
        return result.Kind == GridEventResultKind.Applied
            ? new UpdateOutageStatusPayload(result.Outage!, gridEvent.EventId)
            : throw new DomainError(result.Code ?? ErrorCodes.BadUserInput, result.Reason ?? "The change was refused.");
    }

    // A time without an offset is taken as UTC, the time of the whole graph.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
