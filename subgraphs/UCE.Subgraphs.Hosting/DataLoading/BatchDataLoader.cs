namespace UCE.Subgraphs.Hosting.DataLoading;

/// <summary>Loads one entity per key (by id, by number …); an unknown key yields <c>null</c>.</summary>
public abstract class BatchDataLoader<TKey, TValue> : DataLoader<TKey, TValue?>
    where TKey : notnull
    where TValue : class
{
    protected BatchDataLoader(IEqualityComparer<TKey>? comparer = null)
        : base(comparer)
    {
    }

    protected sealed override async Task<IReadOnlyDictionary<TKey, TValue?>> FetchAsync(
        IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var found = await LoadBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        return found.ToDictionary(pair => pair.Key, pair => (TValue?)pair.Value, KeyComparer);
    }

    /// <summary>One query for all <paramref name="keys"/>.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(
        IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}
