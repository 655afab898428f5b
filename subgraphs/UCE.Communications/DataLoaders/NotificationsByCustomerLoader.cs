using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Communications.DataLoaders;

/// <summary>Each customer's notifications, newest first.</summary>
public sealed class NotificationsByCustomerLoader(IDbContextFactory<CommunicationsDbContext> contexts) : GroupDataLoader<string, Notification>(StringComparer.Ordinal)
{
    protected override async Task<ILookup<string, Notification>> LoadGroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => keys.Contains(n.CustomerId))
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(n => n.QueuedAt)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .ToLookup(n => n.CustomerId, StringComparer.Ordinal);
    }
}
