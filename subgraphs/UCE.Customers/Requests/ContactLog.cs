using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Customers.Events;
using UCE.Customers.Types;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Customers.Requests;

/// <summary>Records a call, chat or visit an agent had with a customer (<c>logContact</c>) in the interaction history.</summary>
public sealed class ContactLog(IDbContextFactory<CustomersDbContext> contexts, InteractionOutbox interactions, TimeProvider clock)
{
    /// <summary>The longest contact that can be logged: twelve hours.</summary>
    public const int MaxDurationSeconds = 12 * 60 * 60;

    public const int MaxReasonLength = 100;

    public const int MaxNotesLength = 1000;

    public async Task<Interaction> LogAsync(LogContactInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var customerId = input.CustomerId.Trim();
        var reason = input.Reason?.Trim() ?? "";
        var notes = input.Notes?.Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw CustomerErrors.ContactLogInvalid($"'reason' must be 1 to {MaxReasonLength} characters");
        }

        if (input.DurationSeconds is < 0 or > MaxDurationSeconds)
        {
            throw CustomerErrors.ContactLogInvalid($"'durationSeconds' must be between 0 and {MaxDurationSeconds}");
        }

        if (notes is { Length: > MaxNotesLength })
        {
            throw CustomerErrors.ContactLogInvalid($"'notes' must be at most {MaxNotesLength} characters");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw CustomerErrors.CustomerNotFound(customerId);
        }

        var minutes = string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(input.DurationSeconds / 60.0):0} min");
        var summary = string.IsNullOrEmpty(notes) ? $"{reason} ({minutes})." : notes;
        var row = InteractionRecords.AddTo(db, interactions.Add(
            db, InteractionEventTypes.ContactLogged, customerId, caller, reason, summary, null, null,
            clock.GetUtcNow().UtcDateTime, InteractionChannelNames.NameOf(input.Channel)));
        row.Disposition = input.Disposition;
        row.DurationSeconds = input.DurationSeconds;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
