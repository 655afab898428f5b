using GraphQL.DataLoader;

namespace UCE.Subgraphs.Hosting.DataLoading;

/// <summary>Builds and transforms deferred results without losing batching.</summary>
public static class DataLoaderResult
{
    /// <summary>A result that is already known (for example null for a representation with no usable key).</summary>
    public static IDataLoaderResult<T> FromValue<T>(T value) => new Known<T>(value);

    /// <summary>Applies <paramref name="map"/> once the value is loaded; the key stays queued with the rest of its batch.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        return new Mapped<T, TResult>(result, map);
    }

    private sealed class Known<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
