namespace UCE.Subgraphs.Hosting.Database;

/// <summary>
/// Which connection the contexts made in the current flow use. The HTTP endpoint marks the execution of a query
/// operation read-only, so its resolvers and data loaders read from <see cref="DatabaseTarget.ReadOnlyConnectionString"/>
/// (a replica) when one is configured; everything else (mutations and the reads inside them, subscriptions, background
/// work) stays on the primary.
/// </summary>
public static class DatabaseRoute
{
    private static readonly AsyncLocal<bool> ReadOnlyFlow = new();

    /// <summary>Whether contexts created now may read from the read-only connection.</summary>
    public static bool IsReadOnly => ReadOnlyFlow.Value;

    /// <summary>Marks the current flow (and what it starts) read-only until disposed.</summary>
    public static IDisposable ReadOnly()
    {
        var previous = ReadOnlyFlow.Value;
        ReadOnlyFlow.Value = true;
        return new Restoration(previous);
    }

    private sealed class Restoration(bool previous) : IDisposable
    {
        public void Dispose() => ReadOnlyFlow.Value = previous;
    }
}
