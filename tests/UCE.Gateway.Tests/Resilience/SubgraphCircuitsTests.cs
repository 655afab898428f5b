using System.Diagnostics.Metrics;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Resilience;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Resilience;

/// <summary>The circuit per subgraph and the connection retries, around a subgraph client that fails as told.</summary>
public sealed class SubgraphCircuitsTests
{
    private static readonly Uri Url = new("http://127.0.0.1:1/graphql");

    [Fact]
    public async Task A_failing_subgraph_opens_its_circuit_then_fetches_fail_fast_until_a_trial_fetch_succeeds()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var circuits = Circuits(clock, new SubgraphResilienceOptions { MinimumThroughput = 4, BreakDuration = TimeSpan.FromSeconds(5), ConnectionRetries = 0 });
        var billing = new ScriptedClient(_ => throw new SubgraphTimeoutException("Subgraph 'billing' did not answer within 5000 ms."));
        var client = circuits.Wrap(billing);

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<SubgraphTimeoutException>(() => client.SendAsync(Request("billing"), CancellationToken.None));
        }

        Assert.Equal(CircuitState.Open, circuits.StateOf("billing"));
        var unavailable = await Assert.ThrowsAsync<SubgraphUnavailableException>(() => client.SendAsync(Request("billing"), CancellationToken.None));
        Assert.Contains("'billing'", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(4, billing.Calls);

        // Another subgraph has its own circuit.
        var usage = new ScriptedClient(_ => Ok());
        Assert.Equal(200, (await circuits.Wrap(usage).SendAsync(Request("usage"), CancellationToken.None)).StatusCode);
        Assert.Equal(CircuitState.Closed, circuits.StateOf("usage"));

        // After the break one fetch goes through; it succeeds, and the circuit closes.
        clock.Advance(TimeSpan.FromSeconds(6));
        billing.Answer = _ => Ok();
        Assert.Equal(200, (await client.SendAsync(Request("billing"), CancellationToken.None)).StatusCode);
        Assert.Equal(CircuitState.Closed, circuits.StateOf("billing"));
        Assert.Equal(5, billing.Calls);
    }

    [Fact]
    public async Task Server_errors_count_as_failures_and_successes_keep_the_ratio_under_the_threshold()
    {
        var circuits = Circuits(new ManualClock(DateTimeOffset.UtcNow), new SubgraphResilienceOptions { MinimumThroughput = 4, FailureRatio = 0.5, ConnectionRetries = 0 });
        var calls = 0;
        var client = circuits.Wrap(new ScriptedClient(_ => ++calls % 3 == 0 ? new SubgraphResponse(503, "{}"u8.ToArray()) : Ok()));

        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(Request("products"), CancellationToken.None);
        }

        Assert.Equal(CircuitState.Closed, circuits.StateOf("products"));
        var failing = circuits.Wrap(new ScriptedClient(_ => new SubgraphResponse(502, "{}"u8.ToArray())));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(502, (await failing.SendAsync(Request("outages"), CancellationToken.None)).StatusCode);
        }

        Assert.Equal(CircuitState.Open, circuits.StateOf("outages"));
    }

    [Fact]
    public async Task A_query_whose_connection_failed_is_sent_again_and_a_mutation_never_is()
    {
        var circuits = Circuits(new ManualClock(DateTimeOffset.UtcNow), new SubgraphResilienceOptions { ConnectionRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });
        var refusedTwice = new ScriptedClient(call => call <= 2
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:4002)")
            : Ok());
        Assert.Equal(200, (await circuits.Wrap(refusedTwice).SendAsync(Request("billing"), CancellationToken.None)).StatusCode);
        Assert.Equal(3, refusedTwice.Calls);

        var mutation = new ScriptedClient(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:4002)"));
        await Assert.ThrowsAsync<HttpRequestException>(() => circuits.Wrap(mutation).SendAsync(Request("billing", isMutation: true), CancellationToken.None));
        Assert.Equal(1, mutation.Calls);

        // A fetch that timed out, or an answer cut off after the request was written, is not sent again: the subgraph may have acted.
        var timedOut = new ScriptedClient(_ => throw new SubgraphTimeoutException("late"));
        await Assert.ThrowsAsync<SubgraphTimeoutException>(() => circuits.Wrap(timedOut).SendAsync(Request("usage"), CancellationToken.None));
        var reset = new ScriptedClient(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        await Assert.ThrowsAsync<HttpRequestException>(() => circuits.Wrap(reset).SendAsync(Request("usage"), CancellationToken.None));
        Assert.Equal((1, 1), (timedOut.Calls, reset.Calls));
    }

    [Fact]
    public async Task Switched_off_every_fetch_reaches_the_subgraph()
    {
        var circuits = Circuits(new ManualClock(DateTimeOffset.UtcNow), new SubgraphResilienceOptions { Enabled = false, MinimumThroughput = 2 });
        var failing = new ScriptedClient(_ => throw new SubgraphTimeoutException("late"));
        var client = circuits.Wrap(failing);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<SubgraphTimeoutException>(() => client.SendAsync(Request("billing"), CancellationToken.None));
        }

        Assert.Equal(5, failing.Calls);
    }

    private static SubgraphCircuits Circuits(TimeProvider clock, SubgraphResilienceOptions resilience) => new(
        Options.Create(new GatewayHostOptions { Resilience = resilience }),
        clock,
        NullLogger<SubgraphCircuits>.Instance,
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static SubgraphRequest Request(string subgraph, bool isMutation = false) =>
        new(subgraph, Url, "{}"u8.ToArray(), null, isMutation);

    private static SubgraphResponse Ok() => new(200, """{"data":{}}"""u8.ToArray());

    /// <summary>A subgraph client whose every answer <see cref="Answer"/> decides, given the call's number (from 1).</summary>
    private sealed class ScriptedClient(Func<int, SubgraphResponse> answer) : ISubgraphClient
    {
        private int _calls;

        public Func<int, SubgraphResponse> Answer { get; set; } = answer;

        public int Calls => Volatile.Read(ref _calls);

        public Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            try
            {
                return Task.FromResult(Answer(call));
            }
            catch (Exception ex)
            {
                return Task.FromException<SubgraphResponse>(ex);
            }
        }
    }
}
