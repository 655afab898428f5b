using GraphQL.DataLoader;

namespace UCE.Communications.Types;

/// <summary>A deferred data loader result with a projection applied once the value arrives, so resolvers stay batched.</summary>
internal sealed class MappedDataLoaderResult<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
{
    public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
        map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>Adds <c>Then</c> to deferred data loader results.</summary>
internal static class DataLoaderResultProjection
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new MappedDataLoaderResult<TIn, TOut>(result, map);
}
