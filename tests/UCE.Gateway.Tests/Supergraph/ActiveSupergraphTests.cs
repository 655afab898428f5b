using UCE.Gateway.Supergraph;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Supergraph;

public sealed class ActiveSupergraphTests
{
    [Fact]
    public void Nothing_is_served_before_the_first_swap()
    {
        var active = new ActiveSupergraph();

        Assert.Null(active.Acquire());
    }

    [Fact]
    public void A_retired_engine_is_disposed_when_its_last_request_ends()
    {
        var counter = new MutationCounter();
        var first = new SdlSchemaEngine(TestSchemas.Greeting, counter);
        var second = new SdlSchemaEngine(TestSchemas.Greeting, counter);
        var active = new ActiveSupergraph();
        active.Swap(new LoadedSupergraph(first, "a", DateTimeOffset.UnixEpoch));
        var leaseA = active.Acquire()!;
        var leaseB = active.Acquire()!;

        active.Swap(new LoadedSupergraph(second, "b", DateTimeOffset.UnixEpoch));
        using var leaseOnNew = active.Acquire()!;

        Assert.Same(second, leaseOnNew.Engine);
        Assert.False(first.IsDisposed);
        leaseA.Dispose();
        leaseA.Dispose();
        Assert.False(first.IsDisposed);
        leaseB.Dispose();
        Assert.True(first.IsDisposed);
        Assert.False(second.IsDisposed);
    }

    [Fact]
    public void An_idle_engine_is_disposed_as_soon_as_it_is_replaced()
    {
        var counter = new MutationCounter();
        var first = new SdlSchemaEngine(TestSchemas.Greeting, counter);
        var active = new ActiveSupergraph();
        active.Swap(new LoadedSupergraph(first, "a", DateTimeOffset.UnixEpoch));

        active.Swap(new LoadedSupergraph(new SdlSchemaEngine(TestSchemas.Greeting, counter), "b", DateTimeOffset.UnixEpoch));

        Assert.True(first.IsDisposed);
        Assert.Equal(2, active.Generation);
    }

    [Fact]
    public void Shutting_down_disposes_the_served_engine_after_its_last_request()
    {
        var engine = new SdlSchemaEngine(TestSchemas.Greeting, new MutationCounter());
        var active = new ActiveSupergraph();
        active.Swap(new LoadedSupergraph(engine, "a", DateTimeOffset.UnixEpoch));
        var lease = active.Acquire()!;

        active.Dispose();

        Assert.Null(active.Acquire());
        Assert.False(engine.IsDisposed);
        lease.Dispose();
        Assert.True(engine.IsDisposed);
    }

    [Fact]
    public async Task Concurrent_requests_and_swaps_never_use_a_disposed_engine()
    {
        var counter = new MutationCounter();
        var active = new ActiveSupergraph();
        active.Swap(new LoadedSupergraph(new SdlSchemaEngine(TestSchemas.Greeting, counter), "0", DateTimeOffset.UnixEpoch));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var usedDisposed = 0;

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var lease = active.Acquire()!;
                if (((SdlSchemaEngine)lease.Engine).IsDisposed)
                {
                    Interlocked.Increment(ref usedDisposed);
                }
            }
        })).ToArray();
        for (var i = 1; i <= 200; i++)
        {
            active.Swap(new LoadedSupergraph(new SdlSchemaEngine(TestSchemas.Greeting, counter), i.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch));
            await Task.Yield();
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, usedDisposed);
    }
}
