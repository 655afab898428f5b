using UCE.Gateway.Engine;
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
    public void A_request_leasing_while_another_releases_keeps_its_engine_through_a_swap()
    {
        // The interleaving that once disposed an engine under a running request: request A releases
        // the last lease, and before A decides whether to dispose, request B leases the same engine
        // and a reload retires it. B's engine must live until B is done.
        var engine = new DisposalTrackingEngine();
        var loaded = new LoadedSupergraph(engine, "a", DateTimeOffset.UnixEpoch);
        var active = new ActiveSupergraph();
        active.Swap(loaded);
        var requestA = active.Acquire()!;
        SupergraphLease? requestB = null;
        loaded.AfterLeaseReleased = () =>
        {
            loaded.AfterLeaseReleased = null;
            requestB = active.Acquire();
            active.Swap(new LoadedSupergraph(new DisposalTrackingEngine(), "b", DateTimeOffset.UnixEpoch));
        };

        requestA.Dispose();

        Assert.NotNull(requestB);
        Assert.Same(engine, requestB.Engine);
        Assert.False(engine.IsDisposed);
        requestB.Dispose();
        Assert.Equal(1, engine.Disposals);
    }

    [Fact]
    public void Concurrent_requests_and_swaps_never_use_a_disposed_engine()
    {
        // Dedicated threads, not the thread pool: a starved pool would leave the readers idle and
        // the race untested. The swap count bounds the run; the deadline only guards a hung run.
        const int Swaps = 50_000;
        var active = new ActiveSupergraph();
        active.Swap(new LoadedSupergraph(new DisposalTrackingEngine(), "0", DateTimeOffset.UnixEpoch));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var swapping = true;
        var usedDisposed = 0;
        long leases = 0;

        var readers = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref swapping))
            {
                using var lease = active.Acquire()!;
                Interlocked.Increment(ref leases);
                if (((DisposalTrackingEngine)lease.Engine).IsDisposed)
                {
                    Interlocked.Increment(ref usedDisposed);
                }
            }
        })).ToArray();
        foreach (var reader in readers)
        {
            reader.Start();
        }

        var engines = new List<DisposalTrackingEngine>(Swaps);
        for (var i = 1; i <= Swaps && DateTime.UtcNow < deadline; i++)
        {
            var engine = new DisposalTrackingEngine();
            engines.Add(engine);
            active.Swap(new LoadedSupergraph(engine, "", DateTimeOffset.UnixEpoch));
        }

        Volatile.Write(ref swapping, false);
        foreach (var reader in readers)
        {
            reader.Join();
        }

        Assert.Equal(0, usedDisposed);
        Assert.True(Interlocked.Read(ref leases) > Swaps, $"the readers took only {leases} leases over {Swaps} swaps");
        Assert.All(engines.SkipLast(1), engine => Assert.Equal(1, engine.Disposals));
        Assert.Equal(0, engines[^1].Disposals);
    }

    /// <summary>An engine that only records its disposals: cheap enough to swap a hundred thousand times.</summary>
    private sealed class DisposalTrackingEngine : IGatewayEngine, IDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public bool IsDisposed => Disposals > 0;

        public ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Only leased, never executed.");

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }
}
