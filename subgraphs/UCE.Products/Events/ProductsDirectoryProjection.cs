using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Hosting.Events.Directory;

namespace UCE.Products.Events;

/// <summary>Knows every new customer (and whether they are commercial), so they can be offered products and enroll.</summary>
public sealed class ProductsDirectoryProjection(IDbContextFactory<ProductsDbContext> contexts) : IDirectoryProjection
{
    public Task<StreamEntryOutcome> ApplyAsync(DirectoryEvent directoryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directoryEvent);
        if (directoryEvent is not { Type: DirectoryEventTypes.CustomerOnboarded, Customer: { } customer })
        {
            return Task.FromResult(StreamEntryOutcome.Duplicate);
        }

        return DirectoryRows.InsertOnceAsync(
            contexts,
            (db, ct) => db.CustomerProfiles.AnyAsync(p => p.CustomerId == directoryEvent.CustomerId, ct),
            (db, _) =>
            {
                db.CustomerProfiles.Add(new CustomerProfile { CustomerId = directoryEvent.CustomerId, Commercial = customer.Commercial });
                return Task.CompletedTask;
            },
            cancellationToken);
    }
}
