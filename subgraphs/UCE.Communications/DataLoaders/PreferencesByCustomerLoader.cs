using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Communications.DataLoaders;

/// <summary>Each customer's preferences, by channel then topic.</summary>
public sealed class PreferencesByCustomerLoader(IDbContextFactory<CommunicationsDbContext> contexts) : GroupDataLoader<string, CommunicationPreference>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, CommunicationPreference>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Preferences.AsNoTracking()
            .Where(p => keys.Contains(p.CustomerId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(p => p.Channel)
            .ThenBy(p => p.Topic)
            .ToLookup(p => p.CustomerId, StringComparer.Ordinal);
    }
}
