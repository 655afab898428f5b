namespace UCE.Subgraphs.Hosting.DataLoading;

/// <summary>Loads the children of many parents (one-to-many) in one query; a parent with none gets an empty list.</summary>
public abstract class GroupDataLoader<TKey, TElement> : DataLoader<TKey, IReadOnlyList<TElement>>
    where TKey : notnull
{
    protected GroupDataLoader(IEqualityComparer<TKey>? comparer = null)
        : base(comparer)
    {
    }

    protected sealed override async Task<IReadOnlyDictionary<TKey, IReadOnlyList<TElement>>> FetchAsync(
        IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var groups = await LoadGroupsAsync(keys, cancellationToken).ConfigureAwait(false);

        // A lookup built with another comparer may hold two groups for what this loader calls one key: merge them.
        var byKey = new Dictionary<TKey, IReadOnlyList<TElement>>(KeyComparer);
        foreach (var group in groups)
        {
            byKey[group.Key] = byKey.TryGetValue(group.Key, out var earlier) ? [.. earlier, .. group] : group.ToList();
        }

        return byKey;
    }

    protected sealed override IReadOnlyList<TElement> Missing(TKey key) => [];

    /// <summary>One query for the children of all <paramref name="keys"/>.</summary>
    protected abstract Task<ILookup<TKey, TElement>> LoadGroupsAsync(
        IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}
