namespace UCE.Gateway.Persisted;

/// <summary>
/// Where pushed manifests and automatic persisted queries live: Redis (<see cref="RedisPersistedDocumentStore"/>), shared by
/// every gateway instance and kept across restarts, or this process's memory (<see cref="InMemoryPersistedDocumentStore"/>)
/// in the embedded default. Both behave alike; one test suite runs against both.
/// </summary>
public interface IPersistedDocumentStore
{
    /// <summary>
    /// Stores <paramref name="documents"/> as <paramref name="client"/>'s next manifest version, replacing the previous one
    /// as a whole, and tells every gateway watching (<see cref="WatchAsync"/>). Returns the new version (1, 2, …).
    /// </summary>
    Task<long> PublishAsync(string client, IReadOnlyList<PersistedDocument> documents, CancellationToken cancellationToken);

    /// <summary>The client's current manifest, or <c>null</c> when none was ever pushed.</summary>
    Task<StoredManifest?> GetAsync(string client, CancellationToken cancellationToken);

    /// <summary>The client's current manifest version, or <c>null</c> when none was pushed: a cheap check for a change.</summary>
    Task<long?> VersionAsync(string client, CancellationToken cancellationToken);

    /// <summary>Every client with a pushed manifest.</summary>
    Task<IReadOnlyList<string>> ClientsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> with a client's name whenever a manifest of it is published (by any gateway or
    /// command), and with <c>null</c> when changes may have been missed (the connection to the store was lost and is back).
    /// </summary>
    Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken);

    /// <summary>An automatic persisted query by the lowercase hex SHA-256 of its text, or <c>null</c> when none is registered.</summary>
    Task<string?> GetAutomaticAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Registers (or refreshes) an automatic persisted query for <paramref name="timeToLive"/>.</summary>
    Task SetAutomaticAsync(string sha256, string document, TimeSpan timeToLive, CancellationToken cancellationToken);
}

/// <summary>A client's manifest as the store holds it.</summary>
public sealed record StoredManifest(string Client, long Version, IReadOnlyList<PersistedDocument> Documents);
