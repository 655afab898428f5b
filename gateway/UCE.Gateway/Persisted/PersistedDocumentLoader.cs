using Microsoft.Extensions.Options;

namespace UCE.Gateway.Persisted;

/// <summary>
/// Keeps <see cref="PersistedDocumentRegistry"/> up to date. A client's documents are its manifest in the store when one was
/// pushed, else its file under the manifest folder. Everything is read once before the gateway serves; afterwards a push
/// announced by the store replaces that client's documents at once, and every <see cref="PersistedDocumentOptions.RefreshInterval"/>
/// the store's versions and the files' time stamps are compared, in case an announcement was missed. A store that cannot be
/// reached leaves the documents as they are (and the files serve at start); a file that is not a valid manifest is logged
/// and skipped. Whatever changed is then handed to the served engine to prepare (<see cref="TrustedDocumentPinning"/>).
/// </summary>
public sealed partial class PersistedDocumentLoader(
    IPersistedDocumentStore store,
    PersistedDocumentRegistry registry,
    IOptions<PersistedDocumentOptions> options,
    ILogger<PersistedDocumentLoader> logger,
    TrustedDocumentPinning? pinning = null) : BackgroundService
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, (DateTime Written, long Length, ClientDocuments? Documents)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredManifest> _stored = new(StringComparer.Ordinal);
    private string? _directory;

    /// <summary>The manifest folder in use, or <c>null</c> when there is none.</summary>
    public string? Directory => _directory;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _directory = PersistedManifestDirectory.Locate(options.Value.Directory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await RefreshAsync(client: null, timeout.Token).ConfigureAwait(false);
        try
        {
            await store.WatchAsync(changed => _ = Task.Run(() => RefreshAsync(changed, CancellationToken.None)), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable(logger, exception);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RefreshAsync(client: null, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reads the files and the store again (one client's, or every client's when <paramref name="client"/> is <c>null</c>) and serves what changed.</summary>
    public async Task RefreshAsync(string? client, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = new HashSet<string>(StringComparer.Ordinal);
            if (client is null)
            {
                ReadFiles(changed);
            }

            try
            {
                await ReadStoreAsync(client, changed, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogStoreUnavailable(logger, exception);
            }

            foreach (var name in changed)
            {
                Serve(name);
            }

            if (changed.Count > 0 && pinning is not null)
            {
                try
                {
                    // Not cut short by the start's timeout: a large manifest may take longer to prepare than the store
                    // may take to answer, and the gateway must start serving its documents either way.
                    await pinning.PinServedAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The documents are served all the same; their first requests prepare them.
                    LogPinningFailed(logger, exception);
                }
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void ReadFiles(HashSet<string> changed)
    {
        var files = PersistedManifestDirectory.Files(_directory);
        foreach (var gone in _files.Keys.Where(name => !files.ContainsKey(name)).ToList())
        {
            _files.Remove(gone);
            changed.Add(gone);
        }

        foreach (var (name, file) in files)
        {
            if (_files.TryGetValue(name, out var known) && known.Written == file.LastWriteTimeUtc && known.Length == file.Length)
            {
                continue;
            }

            ClientDocuments? documents = null;
            try
            {
                var (manifest, problems) = PersistedManifest.Read(File.ReadAllText(file.FullName));
                if (manifest is null)
                {
                    LogInvalidFile(logger, file.FullName, string.Join(" ", problems));
                }
                else
                {
                    documents = new ClientDocuments(name, manifest.Documents, "file " + file.FullName, storeVersion: null);
                }
            }
            catch (IOException exception)
            {
                LogInvalidFile(logger, file.FullName, exception.Message);
            }

            _files[name] = (file.LastWriteTimeUtc, file.Length, documents);
            changed.Add(name);
        }
    }

    private async Task ReadStoreAsync(string? client, HashSet<string> changed, CancellationToken cancellationToken)
    {
        var clients = client is null ? await store.ClientsAsync(cancellationToken).ConfigureAwait(false) : [client];
        foreach (var name in clients)
        {
            if (!PersistedClientNames.IsValid(name))
            {
                continue;
            }

            var version = await store.VersionAsync(name, cancellationToken).ConfigureAwait(false);
            if (version is null || (_stored.TryGetValue(name, out var known) && known.Version >= version))
            {
                continue;
            }

            if (await store.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } manifest
                && (!_stored.TryGetValue(name, out known) || known.Version < manifest.Version))
            {
                _stored[name] = manifest;
                changed.Add(name);
            }
        }
    }

    // What the store holds for a client wins over its file: a push is how a changed manifest reaches running gateways.
    private void Serve(string client)
    {
        ClientDocuments? documents = _stored.TryGetValue(client, out var stored)
            ? new ClientDocuments(client, stored.Documents, $"store version {stored.Version}", stored.Version)
            : _files.GetValueOrDefault(client).Documents;
        if (documents is null)
        {
            registry.Remove(client);
            LogServingNone(logger, client);
            return;
        }

        registry.Set(documents);
        LogServing(logger, documents.Documents.Count, client, documents.Source);
    }

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} trusted documents of client {Client} from {Source}")]
    private static partial void LogServing(ILogger logger, int count, string client, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving no trusted documents of client {Client}")]
    private static partial void LogServingNone(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Error, Message = "The manifest {Path} is not used: {Problems}")]
    private static partial void LogInvalidFile(ILogger logger, string path, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trusted documents could not be prepared ahead of their requests")]
    private static partial void LogPinningFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The persisted-document store could not be read; the documents already served stay")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
