using Microsoft.EntityFrameworkCore;
using UCE.Usage.Data;

namespace UCE.Usage.DataLoaders;

/// <summary>The customers who consented to a partner client, read once per request (scoped) whatever number of objects asks.</summary>
public sealed class PartnerConsents(IDbContextFactory<UsageDbContext> contexts)
{
    private readonly Dictionary<string, Task<HashSet<string>>> byClient = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async ValueTask<bool> HasConsentedAsync(string clientId, string customerId, CancellationToken cancellationToken)
    {
        Task<HashSet<string>> customers;
        lock (gate)
        {
            if (!byClient.TryGetValue(clientId, out customers!))
            {
                customers = LoadAsync(clientId, cancellationToken);
                byClient[clientId] = customers;
            }
        }

        return (await customers).Contains(customerId);
    }

    private async Task<HashSet<string>> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Consents.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).ToListAsync(cancellationToken);
        return ids.ToHashSet(StringComparer.Ordinal);
    }
}
