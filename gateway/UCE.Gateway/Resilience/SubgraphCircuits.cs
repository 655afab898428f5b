using System.Diagnostics;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Resilience;

/// <summary>
/// One resilience pipeline per subgraph, outliving every engine a supergraph reload builds (so a circuit stays open across
/// a reload): a circuit breaker around retries of failed connections. <see cref="Wrap"/> puts them around an engine's
/// subgraph client.
/// </summary>
public sealed class SubgraphCircuits
{
    /// <summary>The meter of the circuit counters (<c>uce.gateway.subgraph.circuit.*</c>).</summary>
    public const string MeterName = "UCE.Gateway.Resilience";

    private static readonly ResiliencePropertyKey<bool> MutationKey = new("uce.mutation");

    private readonly ConcurrentDictionary<string, ResiliencePipeline<SubgraphResponse>> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CircuitState> _states = new(StringComparer.Ordinal);
    private readonly SubgraphResilienceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SubgraphCircuits> _logger;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _fetchDuration;

    public SubgraphCircuits(IOptions<GatewayHostOptions> options, TimeProvider clock, ILogger<SubgraphCircuits> logger, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _options = options.Value.Resilience;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _opened = meter.CreateCounter<long>("uce.gateway.subgraph.circuit.opened", description: "Times a subgraph's circuit opened.");
        _rejected = meter.CreateCounter<long>("uce.gateway.subgraph.circuit.rejected", description: "Fetches answered SUBGRAPH_UNAVAILABLE at once because the subgraph's circuit was open.");
        _retried = meter.CreateCounter<long>("uce.gateway.subgraph.retries", description: "Query fetches sent again after their connection failed.");
        _fetchDuration = meter.CreateHistogram(
            "uce.gateway.subgraph.fetch.duration", "s", "Subgraph fetches and how long they took, by subgraph and outcome (ok, http_error, timeout, unreachable, unavailable).",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("uce.gateway.subgraph.circuit.open", () => _states.Select(state =>
            new Measurement<int>(state.Value == CircuitState.Closed ? 0 : 1, new KeyValuePair<string, object?>("subgraph", state.Key))),
            description: "1 while a subgraph's circuit is open or half-open.");
    }

    /// <summary>Whether <paramref name="subgraph"/>'s circuit is closed (calls go through), open or half-open.</summary>
    public CircuitState StateOf(string subgraph) => _states.GetValueOrDefault(subgraph, CircuitState.Closed);

    /// <summary>The engine's subgraph client, measured, with the circuits and retries around it unless resilience is off.</summary>
    public ISubgraphClient Wrap(ISubgraphClient inner) => new Client(inner, this);

    private ResiliencePipeline<SubgraphResponse> PipelineOf(string subgraph) => _pipelines.GetOrAdd(subgraph, Build);

    private ResiliencePipeline<SubgraphResponse> Build(string subgraph)
    {
        var builder = new ResiliencePipelineBuilder<SubgraphResponse> { TimeProvider = _clock };
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<SubgraphResponse>
        {
            FailureRatio = _options.FailureRatio,
            MinimumThroughput = _options.MinimumThroughput,
            SamplingDuration = _options.SamplingDuration,
            BreakDuration = _options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or SubgraphTimeoutException } => true,
                { Result.StatusCode: >= 500 } => true,
                _ => false,
            }),
            OnOpened = args =>
            {
                _states[subgraph] = CircuitState.Open;
                _opened.Add(1, new KeyValuePair<string, object?>("subgraph", subgraph));
                _logger.LogWarning("Subgraph {Subgraph} failed too often; its fetches are answered SUBGRAPH_UNAVAILABLE for {BreakDuration}", subgraph, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                _states[subgraph] = CircuitState.HalfOpen;
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _states[subgraph] = CircuitState.Closed;
                _logger.LogInformation("Subgraph {Subgraph} answers again; its circuit is closed", subgraph);
                return ValueTask.CompletedTask;
            },
        });
        if (_options.ConnectionRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SubgraphResponse>
            {
                MaxRetryAttempts = _options.ConnectionRetries,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.Properties.GetValue(MutationKey, true) && IsConnectionFailure(args.Outcome.Exception)),
                OnRetry = _ =>
                {
                    _retried.Add(1, new KeyValuePair<string, object?>("subgraph", subgraph));
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// A failure before the subgraph could have seen the request: the connection was refused or could not be made. A
    /// reset after the request was written is not one (the subgraph may have acted on it).
    /// </summary>
    private static bool IsConnectionFailure(Exception? exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError,
    } or HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };

    private sealed class Client(ISubgraphClient inner, SubgraphCircuits circuits) : ISubgraphClient
    {
        public async Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = "ok";
            try
            {
                var response = circuits._options.Enabled
                    ? await SendThroughCircuitAsync(request, cancellationToken).ConfigureAwait(false)
                    : await inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
                outcome = response.StatusCode is >= 200 and < 300 ? "ok" : "http_error";
                return response;
            }
            catch (SubgraphTimeoutException)
            {
                outcome = "timeout";
                throw;
            }
            catch (SubgraphUnavailableException)
            {
                outcome = "unavailable";
                throw;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "unreachable";
                throw;
            }
            finally
            {
                circuits._fetchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList
                {
                    { "subgraph", request.Subgraph },
                    { "outcome", outcome },
                });
            }
        }

        private async Task<SubgraphResponse> SendThroughCircuitAsync(SubgraphRequest request, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(MutationKey, request.IsMutation);
            try
            {
                return await circuits.PipelineOf(request.Subgraph).ExecuteAsync(
                    static (ctx, state) => new ValueTask<SubgraphResponse>(state.inner.SendAsync(state.request, ctx.CancellationToken)),
                    context,
                    (inner, request)).ConfigureAwait(false);
            }
            catch (BrokenCircuitException ex)
            {
                circuits._rejected.Add(1, new KeyValuePair<string, object?>("subgraph", request.Subgraph));
                var retryAfter = ex.RetryAfter is { } after ? $" for about {Math.Ceiling(after.TotalSeconds):0} s" : "";
                throw new SubgraphUnavailableException(
                    $"Subgraph '{request.Subgraph}' failed too often just before; it is not being called{retryAfter}.", ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }
}
