using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Billing.Data;

/// <summary>A validated request to pay <see cref="AmountMinor"/> into an account.</summary>
public sealed record PaymentRequest(string AccountId, long AmountMinor, PaymentMethod Method, string IdempotencyKey, string? RecordedBy);

/// <summary>What recording a payment produced: the payment, the account after it, and whether an earlier identical request already recorded it.</summary>
public sealed record PaymentOutcome(Payment Payment, BillingAccount Account, bool Replayed);

/// <summary>Why a payment request was refused.</summary>
public enum PaymentRefusal
{
    AccountNotFound,
    IdempotencyKeyReused,
}

/// <summary>Thrown when a payment request is refused; nothing has been written.</summary>
public sealed class PaymentRefusedException(PaymentRefusal refusal, string message) : Exception(message)
{
    public PaymentRefusal Refusal { get; } = refusal;
}

/// <summary>
/// Records payments: one per idempotency key, applied to the oldest open bills, with the account
/// balance updated in the same transaction.
/// </summary>
public sealed class PaymentLedger(IDbContextFactory<BillingDbContext> contexts, InteractionOutbox interactions, TimeProvider clock)
{
    public async Task<PaymentOutcome> RecordAsync(PaymentRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await using (var lookup = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var earlier = await FindByKeyAsync(lookup, request.IdempotencyKey, cancellationToken);
            if (earlier is not null)
            {
                return await ReplayAsync(lookup, earlier, request, cancellationToken);
            }
        }

        try
        {
            return await RecordNewAsync(request, caller, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key won the unique index; answer as its replay.
            await using var lookup = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await FindByKeyAsync(lookup, request.IdempotencyKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await ReplayAsync(lookup, winner, request, cancellationToken);
        }
    }

    private async Task<PaymentOutcome> RecordNewAsync(PaymentRequest request, CallerIdentity caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // Updating the balance first takes the account's row lock, so concurrent payments to the
        // same account allocate against bills one after the other.
        var updated = await db.Accounts
            .Where(a => a.Id == request.AccountId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.BalanceMinor, a => a.BalanceMinor - request.AmountMinor)
                    .SetProperty(a => a.BalanceUpdatedAt, now),
                cancellationToken);
        if (updated == 0)
        {
            throw new PaymentRefusedException(PaymentRefusal.AccountNotFound, $"Account '{request.AccountId}' does not exist.");
        }

        var openBills = await db.Bills
            .Where(b => b.AccountId == request.AccountId && b.PaidMinor < b.AmountMinor)
            .OrderBy(b => b.PeriodStart)
            .ToListAsync(cancellationToken);
        var remaining = request.AmountMinor;
        foreach (var bill in openBills)
        {
            remaining -= bill.ApplyPayment(remaining);
            if (remaining == 0)
            {
                break;
            }
        }

        var payment = new Payment
        {
            Id = $"pay-{Guid.NewGuid():N}",
            AccountId = request.AccountId,
            AmountMinor = request.AmountMinor,
            Method = request.Method,
            At = now,
            Status = PaymentStatus.Posted,
            IdempotencyKey = request.IdempotencyKey,
            RecordedBy = request.RecordedBy,
        };
        db.Payments.Add(payment);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        interactions.Add(
            db, InteractionEventTypes.PaymentMade, account.CustomerId, caller, "Payment",
            string.Create(CultureInfo.InvariantCulture, $"Paid {request.AmountMinor / 100m:0.00} {account.Currency} by {request.Method.ToString().ToLowerInvariant()} into account {account.Number}."),
            "Payment", payment.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PaymentOutcome(payment, account, Replayed: false);
    }

    private static async Task<PaymentOutcome> ReplayAsync(BillingDbContext db, Payment earlier, PaymentRequest request, CancellationToken cancellationToken)
    {
        if (earlier.AccountId != request.AccountId || earlier.AmountMinor != request.AmountMinor || earlier.Method != request.Method)
        {
            throw new PaymentRefusedException(
                PaymentRefusal.IdempotencyKeyReused,
                $"Idempotency key '{request.IdempotencyKey}' was already used for a different payment.");
        }

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == earlier.AccountId, cancellationToken);
        return new PaymentOutcome(earlier, account, Replayed: true);
    }

    private static Task<Payment?> FindByKeyAsync(BillingDbContext db, string key, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
}
