using GraphQL.DataLoader;

namespace UCE.Subgraphs.Hosting.DataLoading;

/// <summary>
/// Collects keys requested during one GraphQL execution level and loads them with one call to
/// <see cref="FetchAsync"/>; results are cached for the lifetime of the loader (one request).
/// </summary>
/// <remarks>
/// GraphQL.NET defers every resolver that returns an <see cref="IDataLoaderResult"/> until the
/// whole level has been visited, then asks each result for its value. The first result asked
/// dispatches every key queued so far, so N parents cost one fetch per loader per level.
/// </remarks>
public abstract class DataLoader<TKey, TValue> where TKey : notnull
{
    private readonly object gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> results;
    private List<TKey> queued = [];

    protected DataLoader(IEqualityComparer<TKey>? comparer = null)
    {
        KeyComparer = comparer ?? EqualityComparer<TKey>.Default;
        results = new Dictionary<TKey, TaskCompletionSource<TValue>>(KeyComparer);
    }

    /// <summary>How keys are compared (case-insensitive numbers, for example); fetched answers are matched with it too.</summary>
    protected IEqualityComparer<TKey> KeyComparer { get; }

    /// <summary>How many batches this loader has fetched (tests assert on it).</summary>
    public int BatchCount { get; private set; }

    /// <summary>Queues <paramref name="key"/> and returns a deferred result for it.</summary>
    public IDataLoaderResult<TValue> LoadAsync(TKey key)
    {
        TaskCompletionSource<TValue> completion;
        lock (gate)
        {
            if (!results.TryGetValue(key, out completion!))
            {
                completion = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                results.Add(key, completion);
                queued.Add(key);
            }
        }

        return new DeferredResult(this, completion);
    }

    /// <summary>
    /// Drops the loaded value of <paramref name="key"/>, so the next load reads it again: a mutation that changed the row after
    /// its authorization loaded it (the account a stop closes) answers the row as it is now.
    /// </summary>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            if (results.TryGetValue(key, out var completion) && completion.Task.IsCompleted)
            {
                results.Remove(key);
            }
        }
    }

    /// <summary>Loads many keys at once, keeping their order.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadManyAsync(IEnumerable<TKey> keys)
    {
        var parts = keys.Select(LoadAsync).ToList();
        return new ManyResult(parts);
    }

    /// <summary>Fetches every key of one batch; keys missing from the answer get <see cref="Missing"/>.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    /// <summary>The value of a key the fetch did not return.</summary>
    protected virtual TValue Missing(TKey key) => default!;

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<TKey> batch;
        lock (gate)
        {
            if (queued.Count == 0)
            {
                return;
            }

            batch = queued;
            queued = [];
            BatchCount++;
        }

        try
        {
            var fetched = Rekey(await FetchAsync(batch, cancellationToken).ConfigureAwait(false));
            foreach (var key in batch)
            {
                var value = fetched.TryGetValue(key, out var found) ? found : Missing(key);
                Completion(key).TrySetResult(value);
            }
        }
        catch (Exception ex)
        {
            foreach (var key in batch)
            {
                Completion(key).TrySetException(ex);
            }
        }
    }

    // The answer may come keyed with another comparer than the loader's (a plain ToDictionary); matching it with
    // the loader's own comparer keeps "ABC" and "abc" the same key when the loader says they are.
    private Dictionary<TKey, TValue> Rekey(IReadOnlyDictionary<TKey, TValue> fetched)
    {
        if (fetched is Dictionary<TKey, TValue> dictionary && dictionary.Comparer.Equals(KeyComparer))
        {
            return dictionary;
        }

        var rekeyed = new Dictionary<TKey, TValue>(KeyComparer);
        foreach (var (key, value) in fetched)
        {
            rekeyed.TryAdd(key, value);
        }

        return rekeyed;
    }

    private TaskCompletionSource<TValue> Completion(TKey key)
    {
        lock (gate)
        {
            return results[key];
        }
    }

    private sealed class DeferredResult(DataLoader<TKey, TValue> loader, TaskCompletionSource<TValue> completion)
        : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!completion.Task.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            }

            return await completion.Task.ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class ManyResult(List<IDataLoaderResult<TValue>> parts) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new TValue[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                values[i] = await parts[i].GetResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
