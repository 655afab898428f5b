using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Communications.DataLoaders;

/// <summary>Recipients by customer id; a customer unknown to communications yields null.</summary>
public sealed class RecipientByIdLoader(IDbContextFactory<CommunicationsDbContext> contexts) : BatchDataLoader<string, Recipient>(StringComparer.Ordinal)
{
    protected override async Task<IReadOnlyDictionary<string, Recipient>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Recipients.AsNoTracking()
            .Where(r => keys.Contains(r.CustomerId))
            .ToDictionaryAsync(r => r.CustomerId, StringComparer.Ordinal, cancellationToken);
    }
}
