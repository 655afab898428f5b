using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Customers.Types;

namespace UCE.Customers.Requests;

/// <summary>What an idempotent mutation produced: the id of its result, and whether an earlier request with the key had already produced it.</summary>
public sealed record IdempotentOutcome(string ResultId, bool Replayed);

/// <summary>
/// Runs a mutation once per client key, as <c>makePayment</c> does: the change and the key's record are written in one
/// transaction; the same key with the same input answers the earlier result (replayed), with another input
/// <c>IDEMPOTENCY_KEY_REUSED</c>. Concurrent requests with one key meet at the key's unique index.
/// </summary>
public sealed class IdempotentMutations(IDbContextFactory<CustomersDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Runs <paramref name="change"/> (which adds or updates rows and returns the result's id; it must not save) and saves it
    /// with the key, unless the key was used before.
    /// </summary>
    public async Task<IdempotentOutcome> RunAsync<TInput>(
        string operation,
        string key,
        TInput input,
        Func<CustomersDbContext, DateTime, Task<string>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var fingerprint = Fingerprint(operation, input);
        if (await FindAsync(key, cancellationToken) is { } earlier)
        {
            return Replay(earlier, operation, fingerprint);
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var resultId = await change(db, now);
            db.IdempotentRequests.Add(new IdempotentRequest
            {
                Key = key,
                Operation = operation,
                Fingerprint = fingerprint,
                ResultId = resultId,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new IdempotentOutcome(resultId, Replayed: false);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key won the unique index; answer as its replay.
            if (await FindAsync(key, cancellationToken) is { } winner)
            {
                return Replay(winner, operation, fingerprint);
            }

            throw;
        }
    }

    /// <summary>Checks a client's key: 1 to <see cref="IdempotentRequest.MaxKeyLength"/> characters, not only spaces.</summary>
    public static string ValidKey(string? key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > IdempotentRequest.MaxKeyLength ? throw CustomerErrors.IdempotencyKeyInvalid() : key;

    private static IdempotentOutcome Replay(IdempotentRequest earlier, string operation, string fingerprint) =>
        earlier.Operation == operation && earlier.Fingerprint == fingerprint
            ? new IdempotentOutcome(earlier.ResultId, Replayed: true)
            : throw CustomerErrors.IdempotencyKeyReused(earlier.Key);

    private async Task<IdempotentRequest?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
    }

    private static string Fingerprint<TInput>(string operation, TInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(input))));
}
