namespace UCE.Gateway.Persisted;

/// <summary>
/// The store in this process (the embedded default, or a gateway without Redis): what is pushed to it lives as long as the
/// process, and only this gateway sees it. Automatic persisted queries expire as in Redis; the oldest are dropped beyond
/// <paramref name="maxAutomatic"/>.
/// </summary>
public sealed class InMemoryPersistedDocumentStore(TimeProvider clock, int maxAutomatic = 10_000) : IPersistedDocumentStore
{
    private readonly Dictionary<string, StoredManifest> _manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Document, DateTimeOffset Expires)> _automatic = new(StringComparer.Ordinal);
    private readonly List<Action<string?>> _watchers = [];
    private readonly Lock _gate = new();

    public Task<long> PublishAsync(string client, IReadOnlyList<PersistedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        ArgumentNullException.ThrowIfNull(documents);
        Action<string?>[] watchers;
        long version;
        lock (_gate)
        {
            version = (_manifests.TryGetValue(client, out var current) ? current.Version : 0) + 1;
            _manifests[client] = new StoredManifest(client, version, [.. documents]);
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            watcher(client);
        }

        return Task.FromResult(version);
    }

    public Task<StoredManifest?> GetAsync(string client, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_manifests.GetValueOrDefault(client));
        }
    }

    public Task<long?> VersionAsync(string client, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_manifests.TryGetValue(client, out var manifest) ? manifest.Version : (long?)null);
        }
    }

    public Task<IReadOnlyList<string>> ClientsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _manifests.Keys]);
        }
    }

    public Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            _watchers.Add(changed);
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetAutomaticAsync(string sha256, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_automatic.TryGetValue(sha256, out var entry))
            {
                if (entry.Expires > clock.GetUtcNow())
                {
                    return Task.FromResult<string?>(entry.Document);
                }

                _automatic.Remove(sha256);
            }

            return Task.FromResult<string?>(null);
        }
    }

    public Task SetAutomaticAsync(string sha256, string document, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_automatic.Count >= maxAutomatic && !_automatic.ContainsKey(sha256))
            {
                Evict(now);
            }

            _automatic[sha256] = (document, now + timeToLive);
        }

        return Task.CompletedTask;
    }

    // Expired entries go first; when none has expired, the one closest to expiring makes room.
    private void Evict(DateTimeOffset now)
    {
        string? soonest = null;
        var soonestExpiry = DateTimeOffset.MaxValue;
        foreach (var (hash, entry) in _automatic)
        {
            if (entry.Expires <= now)
            {
                _automatic.Remove(hash);
            }
            else if (entry.Expires < soonestExpiry)
            {
                soonest = hash;
                soonestExpiry = entry.Expires;
            }
        }

        if (_automatic.Count >= maxAutomatic && soonest is not null)
        {
            _automatic.Remove(soonest);
        }
    }
}
