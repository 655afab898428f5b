using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UCE.Communications.Data;

namespace UCE.Communications;

/// <summary>
/// Adds the standard templates a database lacks when the subgraph starts (a database written before the event templates
/// existed), after the database is prepared and before the consumers render anything. Existing templates are left as they are.
/// </summary>
public sealed class MessageTemplateSync(IDbContextFactory<CommunicationsDbContext> contexts, ILogger<MessageTemplateSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var added = await AddMissingAsync(db, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Added {Count} standard message templates", added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds and saves the standard templates <paramref name="db"/> does not hold; returns how many.</summary>
    public static async Task<int> AddMissingAsync(CommunicationsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var present = (await db.Templates.Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = MessageTemplates.Create().Where(t => !present.Contains(t.Id)).ToList();
        if (missing.Count > 0)
        {
            db.Templates.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }

        return missing.Count;
    }
}
