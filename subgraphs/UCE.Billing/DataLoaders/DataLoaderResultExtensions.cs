using GraphQL.DataLoader;

namespace UCE.Billing.DataLoaders;

/// <summary>Shapes a loaded value without waiting for it, so the loader still batches every key of the level.</summary>
public static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, TOut> map) =>
        new MappedResult<TIn, TOut>(source, map);

    private sealed class MappedResult<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await source.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
