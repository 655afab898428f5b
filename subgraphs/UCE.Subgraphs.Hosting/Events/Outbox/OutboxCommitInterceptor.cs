using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>Raises the <see cref="OutboxSignal"/> once outbox rows are committed: after a save outside a transaction, or at the commit.</summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RaiseWhenCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RaiseWhenCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => RaiseWhenTracked(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RaiseWhenTracked(eventData.Context);
        return Task.CompletedTask;
    }

    private void RaiseWhenCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            RaiseWhenTracked(context);
        }
    }

    private void RaiseWhenTracked(DbContext? context)
    {
        if (context is not null && context.HasOutbox() && context.ChangeTracker.Entries<OutboxMessage>().Any())
        {
            signal.Raise();
        }
    }
}
