using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Diagnostics;

/// <summary>
/// The stream metrics of a consumer group, on Redis Streams and on the in-process stream alike: entries no consumer has
/// read show as lag, a consumer brings it to 0 and counts what it processed, failed and dead-lettered.
/// </summary>
public abstract class StreamMetricsTests : IAsyncLifetime, IDisposable
{
    private const string Group = "metered";

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string stream = TestRedis.UniqueName("metrics");
    private readonly SubgraphMetrics metrics;
    private readonly MetricsRecorder recorder;

    protected StreamMetricsTests()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        metrics = new SubgraphMetrics(meters, TimeProvider.System);
        recorder = new MetricsRecorder(meters);
    }

    protected abstract IEventStream Stream { get; }

    private (string, string)[] Tags => [("stream", stream), ("group", Group)];

    public Task InitializeAsync() => Stream.EnsureGroupAsync(stream, Group);

    public virtual async Task DisposeAsync()
    {
        if (Stream is RedisEventStream)
        {
            await TestRedis.DeleteAsync(stream, stream + ":dead");
        }
    }

    public void Dispose()
    {
        recorder.Dispose();
        services.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Entries_no_consumer_has_read_show_as_lag_and_a_consumer_brings_it_to_zero_counting_them_processed()
    {
        for (var n = 1; n <= 3; n++)
        {
            await Stream.AddAsync(stream, Fields(n));
        }

        var consumer = Consumer((_, _) => Task.FromResult(StreamEntryOutcome.Applied));
        await metrics.RefreshStreamsAsync(CancellationToken.None);

        Assert.Equal(3, recorder.Observed("uce.subgraph.stream.lag", Tags));
        Assert.Equal(0, recorder.Observed("uce.subgraph.stream.pending", Tags));
        Assert.Null(recorder.Observed("uce.subgraph.stream.last_processed_age", Tags));
        Assert.Equal(0, recorder.Counted("uce.subgraph.stream.processed", Tags));

        using var stop = new CancellationTokenSource();
        var running = consumer.RunAsync(stop.Token);
        await Eventually.TrueAsync(async () =>
        {
            await metrics.RefreshStreamsAsync(CancellationToken.None);
            return recorder.Observed("uce.subgraph.stream.lag", Tags) == 0 && recorder.Observed("uce.subgraph.stream.pending", Tags) == 0;
        }, "the consumer reads and acknowledges every entry");
        await stop.CancelAsync();
        await running.WaitAsync(Eventually.Bound);

        Assert.Equal(3, recorder.Counted("uce.subgraph.stream.processed", Tags));
        Assert.Equal(0, recorder.Counted("uce.subgraph.stream.dead_lettered", Tags));
        var age = recorder.Observed("uce.subgraph.stream.last_processed_age", Tags);
        Assert.NotNull(age);
        Assert.InRange(age.Value, 0, Eventually.Bound.TotalSeconds * 2);
    }

    [Fact]
    public async Task A_rejected_entry_counts_as_dead_lettered_and_a_failing_one_as_failed_and_pending()
    {
        await Stream.AddAsync(stream, Fields(1, "reject"));
        await Stream.AddAsync(stream, Fields(2, "throw"));
        await Stream.AddAsync(stream, Fields(3, "apply"));
        var consumer = Consumer((entry, _) => entry.Field("what") switch
        {
            "reject" => Task.FromResult(StreamEntryOutcome.Rejected("Not a test event.")),
            "throw" => throw new InvalidOperationException("The database is away."),
            _ => Task.FromResult(StreamEntryOutcome.Applied),
        });

        Assert.Equal(3, await consumer.ProcessOnceAsync(CancellationToken.None));
        await metrics.RefreshStreamsAsync(CancellationToken.None);

        Assert.Equal(1, recorder.Counted("uce.subgraph.stream.dead_lettered", Tags));
        Assert.Equal(1, recorder.Counted("uce.subgraph.stream.failed", Tags));
        Assert.Equal(1, recorder.Counted("uce.subgraph.stream.processed", Tags));
        Assert.Equal(0, recorder.Observed("uce.subgraph.stream.lag", Tags));
        Assert.Equal(1, recorder.Observed("uce.subgraph.stream.pending", Tags));
        Assert.Single(await Stream.RangeAsync(stream + ":dead", 10));
    }

    [Fact]
    public async Task A_group_that_does_not_exist_yet_reports_no_lag()
    {
        metrics.WatchStream(Stream, stream + ":none", Group);

        await metrics.RefreshStreamsAsync(CancellationToken.None);

        Assert.Null(recorder.Observed("uce.subgraph.stream.lag", ("stream", stream + ":none")));
        Assert.Null(recorder.Observed("uce.subgraph.stream.pending", ("stream", stream + ":none")));
    }

    private StreamConsumer Consumer(Func<StreamEntry, CancellationToken, Task<StreamEntryOutcome>> handler) =>
        new(Stream, new StreamConsumerOptions
        {
            Stream = stream,
            Group = Group,
            Consumer = "c1",
            DeadLetterStream = stream + ":dead",
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, handler, TimeProvider.System, NullLogger.Instance, metrics);

    private static Dictionary<string, string> Fields(int n, string what = "apply") =>
        new(StringComparer.Ordinal) { ["n"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture), ["what"] = what };
}

/// <summary><see cref="StreamMetricsTests"/> on Redis Streams (<c>XINFO GROUPS</c>).</summary>
public sealed class RedisStreamMetricsTests : StreamMetricsTests
{
    private readonly RedisEventStream stream = new(TestRedis.Connection);

    protected override IEventStream Stream => stream;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        stream.Dispose();
    }
}

/// <summary><see cref="StreamMetricsTests"/> on the in-process stream of the embedded default.</summary>
public sealed class InProcessStreamMetricsTests : StreamMetricsTests
{
    protected override IEventStream Stream { get; } = new InProcessEventStream();
}
