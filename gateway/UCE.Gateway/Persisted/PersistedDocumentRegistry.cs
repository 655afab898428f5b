using System.Collections.Concurrent;

namespace UCE.Gateway.Persisted;

/// <summary>
/// The trusted documents this gateway serves, per client, in memory: read on every request without a lock, replaced whole
/// per client when a manifest changes (<see cref="PersistedDocumentLoader"/>). A client finds only its own documents.
/// </summary>
public sealed class PersistedDocumentRegistry
{
    private readonly ConcurrentDictionary<string, ClientDocuments> _clients = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Changes with every <see cref="Set"/> and every <see cref="Remove"/> that removed something.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The clients served and their documents.</summary>
    public IReadOnlyDictionary<string, ClientDocuments> Clients => _clients;

    /// <summary>The client's document with <paramref name="id"/> (its own id, or <c>sha256:&lt;hex&gt;</c> or the hex of its text).</summary>
    public PersistedDocument? Find(string? client, string id) =>
        client is not null && _clients.TryGetValue(client, out var documents) ? documents.Find(id) : null;

    /// <summary>Makes <paramref name="documents"/> the client's manifest.</summary>
    public void Set(ClientDocuments documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _clients[documents.Client] = documents;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Stops serving the client's documents.</summary>
    public bool Remove(string client)
    {
        if (!_clients.TryRemove(client, out _))
        {
            return false;
        }

        Interlocked.Increment(ref _version);
        return true;
    }
}

/// <summary>One client's trusted documents, indexed by every name they go by.</summary>
public sealed class ClientDocuments
{
    private readonly Dictionary<string, PersistedDocument> _byId = new(StringComparer.Ordinal);

    /// <param name="client">The client.</param>
    /// <param name="documents">Its documents.</param>
    /// <param name="source">Where they came from, for the log (<c>file …</c>, <c>store version 3</c>).</param>
    /// <param name="storeVersion">The store's version of the manifest; <c>null</c> when it came from a file.</param>
    public ClientDocuments(string client, IReadOnlyList<PersistedDocument> documents, string source, long? storeVersion)
    {
        Client = client;
        Documents = documents;
        Source = source;
        StoreVersion = storeVersion;
        foreach (var document in documents)
        {
            _byId[document.Id] = document;
        }

        // A document is also found by its content hash, in both forms clients send it, unless another document has that id.
        foreach (var document in documents)
        {
            _byId.TryAdd(document.ContentHash, document);
            _byId.TryAdd(document.Sha256, document);
        }
    }

    public string Client { get; }

    public IReadOnlyList<PersistedDocument> Documents { get; }

    public string Source { get; }

    public long? StoreVersion { get; }

    public PersistedDocument? Find(string id)
    {
        if (_byId.TryGetValue(id, out var document))
        {
            return document;
        }

        // Hashes in upper case are the same hashes.
        return PersistedDocument.ClaimedSha256(id) is { } hex && _byId.TryGetValue(hex, out document) ? document : null;
    }
}
