using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Diagnostics;

/// <summary>
/// Logs failed and timed-out subgraph fetches at Warning, at most one line per subgraph per
/// <see cref="GatewayHostOptions.SubgraphFailureLogInterval"/>; the next line says how many were left out.
/// </summary>
/// <remarks>
/// A subgraph that is down fails every fetch of every request: under load that is thousands of identical lines a
/// second, which bury everything else and cost more than the failures themselves.
/// </remarks>
public sealed partial class SubgraphFetchFailureLog : ISubgraphFetchFailureObserver
{
    private readonly ILogger<SubgraphFetchFailureLog> _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, SubgraphState> _states = new(StringComparer.Ordinal);

    public SubgraphFetchFailureLog(ILogger<SubgraphFetchFailureLog> logger, TimeProvider time, IOptions<GatewayHostOptions> options)
    {
        _logger = logger;
        _time = time;
        _interval = options.Value.SubgraphFailureLogInterval;
    }

    public void OnFetchFailed(SubgraphFetchFailure failure)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        var state = _states.GetOrAdd(failure.Subgraph, static _ => new SubgraphState());
        var now = _time.GetTimestamp();
        int suppressed;
        lock (state)
        {
            if (state.Logged && _time.GetElapsedTime(state.LastLoggedAt, now) < _interval)
            {
                state.Suppressed++;
                return;
            }

            suppressed = state.Suppressed;
            state.Suppressed = 0;
            state.LastLoggedAt = now;
            state.Logged = true;
        }

        LogFetchFailed(_logger, failure.Subgraph, failure.OperationName ?? "(anonymous)", failure.FetchOperationName ?? "(unnamed)", failure.Code, suppressed, failure.Reason);
    }

    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Warning,
        Message = "Subgraph {Subgraph} fetch failed with {Code} for operation {OperationName} (subgraph operation {FetchOperationName}); {Suppressed} more failures of this subgraph since its previous line were not logged. Reason: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string subgraph, string operationName, string fetchOperationName, string code, int suppressed, string reason);

    private sealed class SubgraphState
    {
        public bool Logged { get; set; }

        public long LastLoggedAt { get; set; }

        public int Suppressed { get; set; }
    }
}
