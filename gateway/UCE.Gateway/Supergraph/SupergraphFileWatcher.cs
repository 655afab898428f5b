using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine;

namespace UCE.Gateway.Supergraph;

/// <summary>
/// Loads the supergraph file (or URL) at start and, with hot reload on, again whenever it changes: a valid
/// new supergraph replaces the served one; an invalid one is logged and the old one stays. A URL is polled every
/// <see cref="GatewayHostOptions.SupergraphPollInterval"/> with the last <c>ETag</c> in <c>If-None-Match</c>.
/// </summary>
public sealed partial class SupergraphFileWatcher : IHostedService, IDisposable
{
    // Editors and `cp` write a file in several steps; wait for the writes to settle before reading.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(100);

    private readonly GatewayHostOptions _options;
    private readonly IGatewayEngineFactory _engineFactory;
    private readonly ActiveSupergraph _active;
    private readonly TimeProvider _time;
    private readonly ILogger<SupergraphFileWatcher> _logger;
    private readonly IEngineWarmUp[] _warmUps;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private Task? _loop;
    private FileStamp? _lastSeenStamp;
    private string? _lastFailedHash;
    private int _failedLoads;
    private HttpClient? _http;
    private string? _etag;

    /// <summary>A supergraph larger than this is refused (the UCE supergraph is about 60 KB).</summary>
    private const int MaxSupergraphBytes = 16 * 1024 * 1024;

    public SupergraphFileWatcher(
        IOptions<GatewayHostOptions> options,
        IGatewayEngineFactory engineFactory,
        ActiveSupergraph active,
        TimeProvider time,
        ILogger<SupergraphFileWatcher> logger,
        IEnumerable<IEngineWarmUp>? warmUps = null)
    {
        _warmUps = warmUps?.ToArray() ?? [];
        _options = options.Value;
        _engineFactory = engineFactory;
        _active = active;
        _time = time;
        _logger = logger;
    }

    /// <summary>The file being served; resolved from configuration or the embedded default at start.</summary>
    public string? SupergraphPath { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.SupergraphUrl is { } url)
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxSupergraphBytes };
            await PollUrlOnceAsync(url, cancellationToken).ConfigureAwait(false);
            if (_options.HotReload)
            {
                _loop = Task.Run(() => PollUrlAsync(url, _stopping.Token), CancellationToken.None);
            }

            return;
        }

        SupergraphPath = _options.SupergraphPath ?? SupergraphFileLocator.Find();
        if (SupergraphPath is null)
        {
            LogNoSupergraph(_logger, SupergraphFileLocator.RelativePath);
            return;
        }

        SupergraphPath = Path.GetFullPath(SupergraphPath);
        await TryLoadAsync(cancellationToken).ConfigureAwait(false);
        if (_options.HotReload)
        {
            _watcher = StartNotifications(SupergraphPath);
            _loop = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
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

    /// <summary>The number of supergraph files that could not be read or built since start.</summary>
    public int FailedLoads => Volatile.Read(ref _failedLoads);

    /// <summary>Reads the file and swaps in its supergraph when it is new and valid; returns whether it did.</summary>
    internal async Task<bool> TryLoadAsync(CancellationToken cancellationToken)
    {
        var path = SupergraphPath!;
        string sdl;
        try
        {
            _lastSeenStamp = FileStamp.Of(path);
            sdl = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            Interlocked.Increment(ref _failedLoads);
            LogUnreadable(_logger, path, exception.Message);
            return false;
        }
        catch (UnauthorizedAccessException exception)
        {
            Interlocked.Increment(ref _failedLoads);
            LogUnreadable(_logger, path, exception.Message);
            return false;
        }

        return await ApplyAsync(sdl, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Swaps in the supergraph <paramref name="sdl"/> read from <paramref name="source"/> when it is new and valid, its
    /// engine warmed up first (<see cref="IEngineWarmUp"/>).
    /// </summary>
    private async Task<bool> ApplyAsync(string sdl, string source, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sdl)));
        if (hash == _active.Current?.ContentHash || hash == _lastFailedHash)
        {
            return false;
        }

        IGatewayEngine engine;
        try
        {
            engine = _engineFactory.Create(sdl);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Any failure to build the new engine must leave the running one in place.
            _lastFailedHash = hash;
            Interlocked.Increment(ref _failedLoads);
            LogInvalid(_logger, source, _active.Current is null ? "no supergraph is served yet" : "the previous supergraph is still served", exception);
            return false;
        }

        try
        {
            await WarmUpAsync(engine, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping before it served.
            (engine as IDisposable)?.Dispose();
            throw;
        }

        _active.Swap(new LoadedSupergraph(engine, hash, _time.GetUtcNow()));
        _lastFailedHash = null;
        LogLoaded(_logger, source, _active.Generation);
        await WarmUpAsync(engine, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task WarmUpAsync(IGatewayEngine engine, CancellationToken cancellationToken)
    {
        foreach (var warmUp in _warmUps)
        {
            try
            {
                await warmUp.WarmUpAsync(engine, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogWarmUpFailed(_logger, warmUp.GetType().Name, exception);
            }
        }
    }

    private async Task PollUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.SupergraphPollInterval, _time, cancellationToken).ConfigureAwait(false);
                await PollUrlOnceAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One conditional GET of the supergraph URL: a 304 changes nothing, a 200 is applied, a failure is logged.</summary>
    internal async Task PollUrlOnceAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", _etag);
        }

        try
        {
            using var response = await _http!.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
            {
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failedLoads);
                LogUnreadable(_logger, url.ToString(), $"HTTP {(int)response.StatusCode}");
                return;
            }

            var sdl = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await ApplyAsync(sdl, url.ToString(), cancellationToken).ConfigureAwait(false);
            _etag = response.Headers.ETag?.ToString();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedLoads);
            LogUnreadable(_logger, url.ToString(), exception.Message);
        }
    }

    private FileSystemWatcher? StartNotifications(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => _changes.Writer.TryWrite(true);
            watcher.Created += (_, _) => _changes.Writer.TryWrite(true);
            watcher.Renamed += (_, _) => _changes.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Without notifications (e.g. out of inotify watches) the poll below still sees changes.
            LogNoNotifications(_logger, path, exception.Message);
            return null;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await NotifiedWithinPollIntervalAsync(cancellationToken) || FileStamp.Of(SupergraphPath!) != _lastSeenStamp)
                {
                    await Task.Delay(SettleDelay, cancellationToken);
                    await TryLoadAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> NotifiedWithinPollIntervalAsync(CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(_options.HotReloadPollInterval);
        try
        {
            await _changes.Reader.WaitToReadAsync(poll.Token);
            return _changes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the supergraph {Path} (load {Generation})")]
    private static partial void LogLoaded(ILogger logger, string path, int generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "The supergraph {Path} is not valid; {Consequence}")]
    private static partial void LogInvalid(ILogger logger, string path, string consequence, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The supergraph {Path} cannot be read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No supergraph configured and no {RelativePath} found; /health answers 503")]
    private static partial void LogNoSupergraph(ILogger logger, string relativePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the new engine ({WarmUp}) failed; it serves all the same")]
    private static partial void LogWarmUpFailed(ILogger logger, string warmUp, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No file notifications for {Path} ({Reason}); changes are found by polling")]
    private static partial void LogNoNotifications(ILogger logger, string path, string reason);
}
