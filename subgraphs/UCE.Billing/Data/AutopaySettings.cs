using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Billing.Data;

/// <summary>Changes an account's autopay; the caller has validated the settings.</summary>
public sealed class AutopaySettings(IDbContextFactory<BillingDbContext> contexts, InteractionOutbox interactions, TimeProvider clock)
{
    /// <summary>Methods autopay can draw from; cash cannot be collected automatically.</summary>
    public static bool AllowsMethod(PaymentMethod method) => method != PaymentMethod.Cash;

    /// <summary>Saves the settings and returns the account, or null when it does not exist.</summary>
    public async Task<BillingAccount?> SetAsync(string accountId, bool enabled, PaymentMethod? method, int? dayOfMonth, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        account.AutopayEnabled = enabled;
        account.AutopayMethod = enabled ? method : null;
        account.AutopayDayOfMonth = enabled ? dayOfMonth : null;
        var summary = enabled
            ? string.Create(CultureInfo.InvariantCulture, $"Turned autopay on for account {account.Number}: {method.ToString()!.ToLowerInvariant()} on day {dayOfMonth} of each month.")
            : $"Turned autopay off for account {account.Number}.";
        interactions.Add(db, InteractionEventTypes.AutopayChanged, account.CustomerId, caller, "Autopay", summary, "Account", account.Id, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }
}
