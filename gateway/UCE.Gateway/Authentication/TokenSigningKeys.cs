using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using UCE.Gateway.Configuration;

namespace UCE.Gateway.Authentication;

/// <summary>
/// The public keys tokens are verified with: a JWKS file (re-read when it changes), a JWKS URL (re-fetched on an interval
/// and when a token names a key id not in the set, at most once per <see cref="GatewayAuthenticationOptions.JwksMinimumRefreshInterval"/>),
/// and the development key when the embedded default trusts it. Keys change without a restart; a JWKS that cannot be read
/// or parsed is logged and the previous keys stay.
/// </summary>
public sealed partial class TokenSigningKeys : IHostedService, IDisposable
{
    // Large enough for any real key set, small enough that a hostile endpoint cannot fill the memory.
    private const int MaxJwksBytes = 1024 * 1024;

    // Editors and `cp` write a file in several steps; wait for the writes to settle before reading.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(100);

    // How often the JWKS file's time stamp is looked at, in case a file-system notification was missed.
    private static readonly TimeSpan FilePollInterval = TimeSpan.FromSeconds(1);

    private readonly GatewayAuthenticationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<TokenSigningKeys> _logger;
    private readonly SecurityKey? _developmentKey;
    private readonly string? _jwksPath;
    private readonly HttpClient? _http;
    private readonly Channel<bool> _fileChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _refreshGate = new();
    private readonly Lock _publishGate = new();
    private IReadOnlyList<SecurityKey> _fileKeys = [];
    private IReadOnlyList<SecurityKey> _urlKeys = [];
    private volatile IReadOnlyList<SecurityKey> _keys = [];
    private FileStamp? _fileStamp;
    private long _lastRefreshTicks;
    private int _refreshes;
    private int _failedReads;
    private Task? _refreshing;
    private FileSystemWatcher? _watcher;
    private Task? _loop;

    public TokenSigningKeys(IOptions<GatewayHostOptions> options, DevelopmentKeyTrust developmentKeyTrust, TimeProvider clock, ILogger<TokenSigningKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(developmentKeyTrust);
        _options = options.Value.Authentication;
        _clock = clock;
        _logger = logger;
        _developmentKey = developmentKeyTrust.Key?.PublicKey;
        _jwksPath = string.IsNullOrWhiteSpace(_options.JwksPath) ? null : Path.GetFullPath(_options.JwksPath);
        if (_options.JwksUrl is not null)
        {
            _http = new HttpClient { Timeout = _options.JwksFetchTimeout, MaxResponseContentBufferSize = MaxJwksBytes };
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        Publish();
    }

    /// <summary>The keys a token may be signed with now.</summary>
    public IReadOnlyList<SecurityKey> Current => _keys;

    /// <summary>How many times the JWKS was read or fetched (start included).</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>How many times a JWKS could not be read, fetched or parsed.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_jwksPath is not null)
        {
            // A gateway whose key file is missing or broken at start would refuse every token: better not to start.
            var keys = ReadJwksFile(_jwksPath) ?? throw new InvalidOperationException(
                $"{GatewayAuthenticationOptions.SectionName}:JwksPath '{_jwksPath}' could not be read as a JWKS (see the log above).");
            Publish(fileKeys: keys);
            _watcher = WatchFile(_jwksPath);
        }

        if (_http is not null)
        {
            // An issuer briefly down must not keep the gateway from starting; tokens are refused until the keys arrive.
            Publish(urlKeys: await FetchJwksAsync(cancellationToken));
        }

        Volatile.Write(ref _lastRefreshTicks, _clock.GetTimestamp());
        if (_jwksPath is not null || _http is not null)
        {
            _loop = Task.Run(() => RefreshLoopAsync(_stopping.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _watcher?.Dispose();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _http?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// A token named a key id that is not in <see cref="Current"/>: re-reads the key sources unless that was done less
    /// than <see cref="GatewayAuthenticationOptions.JwksMinimumRefreshInterval"/> ago. Concurrent callers share one refresh.
    /// Returns whether the keys were refreshed (then the token is worth checking again).
    /// </summary>
    public async Task<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        if (_jwksPath is null && _http is null)
        {
            return false;
        }

        Task refresh;
        lock (_refreshGate)
        {
            if (_refreshing is { IsCompleted: false } running)
            {
                refresh = running;
            }
            else if (_clock.GetElapsedTime(Volatile.Read(ref _lastRefreshTicks)) < _options.JwksMinimumRefreshInterval)
            {
                return false;
            }
            else
            {
                Volatile.Write(ref _lastRefreshTicks, _clock.GetTimestamp());
                refresh = _refreshing = Task.Run(() => RefreshAllAsync(_stopping.Token), CancellationToken.None);
            }
        }

        await refresh.WaitAsync(cancellationToken);
        return true;
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        var tick = _jwksPath is not null && FilePollInterval < _options.JwksRefreshInterval ? FilePollInterval : _options.JwksRefreshInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var notified = await NotifiedWithinAsync(tick, cancellationToken);
                if (_clock.GetElapsedTime(Volatile.Read(ref _lastRefreshTicks)) >= _options.JwksRefreshInterval)
                {
                    Volatile.Write(ref _lastRefreshTicks, _clock.GetTimestamp());
                    await RefreshAllAsync(cancellationToken);
                }
                else if (_jwksPath is not null && (notified || FileStamp.Of(_jwksPath) != _fileStamp))
                {
                    await Task.Delay(SettleDelay, cancellationToken);
                    RefreshFile();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // The keys in use stay; the next tick tries again rather than ending rotation for good.
                Failed(_jwksPath ?? _options.JwksUrl?.ToString() ?? "the JWKS", exception.Message);
            }
        }
    }

    private async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        if (_jwksPath is not null)
        {
            RefreshFile();
        }

        if (_http is not null && await FetchJwksAsync(cancellationToken) is { } fetched)
        {
            Publish(urlKeys: fetched);
        }
    }

    private void RefreshFile()
    {
        if (ReadJwksFile(_jwksPath!) is { } keys)
        {
            Publish(fileKeys: keys);
        }
    }

    private void Publish(IReadOnlyList<SecurityKey>? fileKeys = null, IReadOnlyList<SecurityKey>? urlKeys = null)
    {
        lock (_publishGate)
        {
            _fileKeys = fileKeys ?? _fileKeys;
            _urlKeys = urlKeys ?? _urlKeys;
            PublishLocked();
        }
    }

    private void PublishLocked()
    {
        var keys = new List<SecurityKey>(_fileKeys.Count + _urlKeys.Count + 1);
        keys.AddRange(_fileKeys);
        keys.AddRange(_urlKeys);
        if (_developmentKey is not null)
        {
            keys.Add(_developmentKey);
        }

        _keys = keys;
    }

    private IReadOnlyList<SecurityKey>? ReadJwksFile(string path)
    {
        try
        {
            _fileStamp = FileStamp.Of(path);
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Failed(path, exception.Message);
            return null;
        }
    }

    private async Task<IReadOnlyList<SecurityKey>?> FetchJwksAsync(CancellationToken cancellationToken)
    {
        var url = _options.JwksUrl!;
        try
        {
            using var response = await _http!.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Failed(url.ToString(), $"HTTP {(int)response.StatusCode}");
                return null;
            }

            return Parse(await response.Content.ReadAsStringAsync(cancellationToken), url.ToString());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed(url.ToString(), exception.Message);
            return null;
        }
    }

    private IReadOnlyList<SecurityKey>? Parse(string json, string source)
    {
        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
        }
        catch (ArgumentException exception)
        {
            Failed(source, exception.Message);
            return null;
        }

        Interlocked.Increment(ref _refreshes);
        LogLoaded(_logger, source, keys.Count, string.Join(", ", keys.Select(key => key.KeyId ?? "(no kid)")));
        return keys;
    }

    private void Failed(string source, string reason)
    {
        Interlocked.Increment(ref _failedReads);
        LogUnreadable(_logger, source, reason);
    }

    private FileSystemWatcher? WatchFile(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => _fileChanged.Writer.TryWrite(true);
            watcher.Created += (_, _) => _fileChanged.Writer.TryWrite(true);
            watcher.Renamed += (_, _) => _fileChanged.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Without notifications (e.g. out of inotify watches) the time-stamp poll still sees changes.
            LogUnreadable(_logger, path, $"no change notifications ({exception.Message}); polling the time stamp");
            return null;
        }
    }

    private async Task<bool> NotifiedWithinAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(interval);
        try
        {
            await _fileChanged.Reader.WaitToReadAsync(poll.Token);
            return _fileChanged.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing keys from {Source}: {Count} ({KeyIds})")]
    private static partial void LogLoaded(ILogger logger, string source, int count, string keyIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing keys from {Source} could not be read: {Reason}; the previous keys stay")]
    private static partial void LogUnreadable(ILogger logger, string source, string reason);
}
