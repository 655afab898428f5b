using System.Diagnostics;
using UCE.Gateway.Engine;
using UCE.Gateway.Supergraph;

namespace UCE.Gateway.Persisted;

/// <summary>
/// Hands every client's trusted documents to the engine ahead of their requests (<see cref="IGatewayEngine.PinDocumentsAsync"/>):
/// a new engine before it serves a supergraph, and the served engine whenever the documents change. A trusted document's
/// first request after a start, a supergraph reload or a push therefore does no parsing, validation or planning, and no
/// amount of other traffic evicts it from the engine's caches. A document that no longer runs on a loaded supergraph is
/// logged as a warning with the clients that use it.
/// </summary>
public sealed partial class TrustedDocumentPinning(
    PersistedDocumentRegistry registry,
    ActiveSupergraph active,
    ILogger<TrustedDocumentPinning> logger) : IEngineWarmUp, IDisposable
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly WeakReference<IGatewayEngine?> _lastEngine = new(null);
    private long _lastVersion = -1;

    public async ValueTask WarmUpAsync(IGatewayEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await _sync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read before the documents: a change in between is pinned now and pinned again, harmlessly, next time.
            var version = registry.Version;
            if (_lastEngine.TryGetTarget(out var last) && ReferenceEquals(last, engine) && version == _lastVersion)
            {
                return;
            }

            var clients = registry.Clients.Values.ToList();
            var documents = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var client in clients)
            {
                foreach (var document in client.Documents)
                {
                    documents.TryAdd(document.ContentHash, document.Body);
                }
            }

            var started = Stopwatch.GetTimestamp();
            var report = await engine.PinDocumentsAsync(documents, cancellationToken).ConfigureAwait(false);
            _lastEngine.SetTarget(engine);
            _lastVersion = version;
            if (report.Prepared > 0)
            {
                LogPinned(logger, report.Pinned, report.Prepared, report.Plans, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            foreach (var (key, reason) in report.Failed)
            {
                var users = clients.Where(client => client.Documents.Any(document => document.ContentHash == key)).Select(client => client.Client);
                LogFailed(logger, key, string.Join(", ", users), reason);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Pins the documents as they are now on the engine serving now (after a push or a manifest change).</summary>
    public async Task PinServedAsync(CancellationToken cancellationToken)
    {
        using var lease = active.Acquire();
        if (lease is not null)
        {
            await WarmUpAsync(lease.Engine, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _sync.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Pinned} trusted documents held ready by the engine ({Prepared} prepared now, {Plans} plans made) in {Milliseconds:0.#} ms")]
    private static partial void LogPinned(ILogger logger, int pinned, int prepared, int plans, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trusted document {Key} of {Clients} does not run on the loaded supergraph: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string clients, string reason);
}
