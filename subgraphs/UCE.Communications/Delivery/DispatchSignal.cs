namespace UCE.Communications.Delivery;

/// <summary>Wakes the dispatcher when notifications were queued, so that it need not wait for its next poll.</summary>
public sealed class DispatchSignal
{
    private TaskCompletionSource raised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Something was queued.</summary>
    public void Raise() => Interlocked.Exchange(ref raised, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Raise"/>.</summary>
    public Task Next => Volatile.Read(ref raised).Task;
}
