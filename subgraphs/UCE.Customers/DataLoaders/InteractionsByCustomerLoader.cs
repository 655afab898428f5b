using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.DataLoaders;

/// <summary>Each customer's contact history, newest first, one query per batch.</summary>
public sealed class InteractionsByCustomerLoader(IDbContextFactory<CustomersDbContext> contexts) : GroupDataLoader<string, Interaction>
{
    protected override async Task<ILookup<string, Interaction>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var interactions = await db.Interactions.AsNoTracking()
            .Where(interaction => keys.Contains(interaction.CustomerId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return interactions
            .OrderByDescending(interaction => interaction.At)
            .ThenBy(interaction => interaction.Id, StringComparer.Ordinal)
            .ToLookup(interaction => interaction.CustomerId, StringComparer.Ordinal);
    }
}
