using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;
using UCE.Gateway.Diagnostics;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Diagnostics;

public sealed class SubgraphFetchFailureLogTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly ManualTimeProvider _time = new();
    private readonly SubgraphFetchFailureLog _log;

    public SubgraphFetchFailureLogTests()
    {
        _factory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _log = new SubgraphFetchFailureLog(
            _factory.CreateLogger<SubgraphFetchFailureLog>(),
            _time,
            Options.Create(new GatewayHostOptions { SubgraphFailureLogInterval = Interval }));
    }

    private static SubgraphFetchFailure Failure(string subgraph = "billing") =>
        new(subgraph, "Customer360", $"Customer360__{subgraph}__1", ErrorCodes.SubgraphRequestFailed, $"HTTP fetch failed from '{subgraph}': Connection refused");

    [Fact]
    public void Failed_fetch_is_logged_as_one_warning_with_subgraph_operation_code_and_reason()
    {
        _log.OnFetchFailed(Failure());

        var line = Assert.Single(_logs.Logs);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(typeof(SubgraphFetchFailureLog).FullName, line.Category);
        Assert.Equal("billing", line.Value("Subgraph"));
        Assert.Equal("Customer360", line.Value("OperationName"));
        Assert.Equal("Customer360__billing__1", line.Value("FetchOperationName"));
        Assert.Equal("SUBGRAPH_REQUEST_FAILED", line.Value("Code"));
        Assert.Equal("HTTP fetch failed from 'billing': Connection refused", line.Value("Reason"));
        Assert.Null(line.Exception);
        Assert.Contains("billing", line.Message, StringComparison.Ordinal);
        Assert.Contains("Customer360", line.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Burst_of_failures_logs_one_line_per_interval_and_the_next_line_counts_the_ones_left_out()
    {
        for (var i = 0; i < 500; i++)
        {
            _log.OnFetchFailed(Failure());
        }

        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        _log.OnFetchFailed(Failure());
        Assert.Single(_logs.Logs);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _log.OnFetchFailed(Failure());

        Assert.Equal(["0", "500"], _logs.Logs.Select(line => line.Value("Suppressed")));
        Assert.All(_logs.Logs, line => Assert.Equal(LogLevel.Warning, line.Level));
    }

    [Fact]
    public void Each_subgraph_has_its_own_allowance()
    {
        _log.OnFetchFailed(Failure("billing"));
        _log.OnFetchFailed(Failure("billing"));
        _log.OnFetchFailed(Failure("usage"));
        _log.OnFetchFailed(Failure("usage"));

        Assert.Equal(["billing", "usage"], _logs.Logs.Select(line => line.Value("Subgraph")));
    }

    [Fact]
    public void Concurrent_failures_still_log_one_line()
    {
        Parallel.For(0, 1000, _ => _log.OnFetchFailed(Failure()));

        Assert.Single(_logs.Logs);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTimeProvider : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
