namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>
/// Wakes the relay when this process committed outbox rows, so they go out at once rather than at the next poll. A raise
/// while the relay is busy is kept: its next wait returns at once.
/// </summary>
public sealed class OutboxSignal
{
    private int pending;
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Raise()
    {
        Volatile.Write(ref pending, 1);
        Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Returns when raised (or raised since the last wait), after <paramref name="timeout"/>, or when <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref pending, 0) == 1)
        {
            return;
        }

        var raised = Volatile.Read(ref next).Task;
        if (Interlocked.Exchange(ref pending, 0) == 1)
        {
            return;
        }

        try
        {
            await raised.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref pending, 0);
        }
        catch (TimeoutException)
        {
            // Nothing committed here; the caller polls for rows other instances wrote.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller's loop ends.
        }
    }
}
