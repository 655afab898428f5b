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
        return groups.ToDictionary(group => group.Key, group => (IReadOnlyList<TElement>)group.ToList());
    }

    protected sealed override IReadOnlyList<TElement> Missing(TKey key) => [];

    /// <summary>One query for the children of all <paramref name="keys"/>.</summary>
    protected abstract Task<ILookup<TKey, TElement>> LoadGroupsAsync(
        IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}
