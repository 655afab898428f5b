using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Subscriptions;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>
/// One upstream subscription shared by its clients: every published event reaches each of them once and in order, whether
/// it is handed to a receiver (WebSockets) or waits in the subscriber's queue (server-sent events); a queue reader that falls
/// behind is dropped alone; the last client out stops the source.
/// </summary>
public sealed class SharedSubscriptionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Receivers_get_every_event_in_order_then_the_last_response_and_their_end()
    {
        using var shared = new SharedSubscription(queueLimit: 4);
        var received = new[] { new List<string>(), new List<string>(), new List<string>() };
        var subscribers = received.Select(list => shared.TryJoin(response => list.Add(Name(response)))!).ToArray();

        for (var i = 1; i <= 10; i++)
        {
            shared.Publish(Event($"e{i}"), () => Event("behind"));
        }

        shared.End(Event("last"));

        foreach (var subscriber in subscribers)
        {
            await subscriber.Ended.WaitAsync(Bound);
        }

        string[] expected = [.. Enumerable.Range(1, 10).Select(i => $"e{i}"), "last"];
        Assert.All(received, list => Assert.Equal(expected, list));
        Assert.Null(shared.TryJoin(_ => { }));
    }

    [Fact]
    public async Task Thousands_of_receivers_handed_events_by_several_threads_get_each_once_and_in_order()
    {
        using var shared = new SharedSubscription(queueLimit: 4);
        const int Receivers = SharedSubscription.SubscribersPerThread * 4;
        var received = Enumerable.Range(0, Receivers).Select(_ => new List<string>()).ToArray();
        var subscribers = received.Select(list => shared.TryJoin(response => list.Add(Name(response)))!).ToArray();

        for (var i = 1; i <= 20; i++)
        {
            shared.Publish(Event($"e{i}"), () => Event("behind"));
        }

        shared.End(null);
        await Task.WhenAll(subscribers.Select(subscriber => subscriber.Ended)).WaitAsync(Bound);

        string[] expected = [.. Enumerable.Range(1, 20).Select(i => $"e{i}")];
        Assert.All(received, list => Assert.Equal(expected, list));
    }

    [Fact]
    public async Task A_receiver_whose_transport_is_gone_ends_alone()
    {
        using var shared = new SharedSubscription(queueLimit: 4);
        var healthy = new List<string>();
        var gone = shared.TryJoin(_ => throw new ObjectDisposedException("socket"))!;
        var other = shared.TryJoin(response => healthy.Add(Name(response)))!;

        shared.Publish(Event("e1"), () => Event("behind"));
        shared.Publish(Event("e2"), () => Event("behind"));

        await gone.Ended.WaitAsync(Bound);
        Assert.False(other.Ended.IsCompleted);
        Assert.Equal(["e1", "e2"], healthy);
    }

    [Fact]
    public async Task A_queue_reader_that_falls_behind_is_told_and_dropped_while_a_receiver_goes_on()
    {
        using var shared = new SharedSubscription(queueLimit: 3);
        var received = new List<string>();
        var slow = shared.TryJoin()!;
        var receiver = shared.TryJoin(response => received.Add(Name(response)))!;

        for (var i = 1; i <= 6; i++)
        {
            shared.Publish(Event($"e{i}"), () => Event("behind"));
        }

        var read = new List<string>();
        await foreach (var response in slow.ReadAllAsync(CancellationToken.None).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            read.Add(Name(response));
        }

        Assert.Equal(["e1", "e2", "e3", "behind"], read);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6"], received);
        Assert.False(receiver.Ended.IsCompleted);
    }

    [Fact]
    public void The_last_subscriber_to_leave_stops_the_source_and_no_one_joins_after()
    {
        using var shared = new SharedSubscription(queueLimit: 4);
        var first = shared.TryJoin(_ => { })!;
        var second = shared.TryJoin()!;

        Assert.False(first.Leave());
        Assert.False(shared.Stopping.IsCancellationRequested);
        Assert.False(first.Leave());
        Assert.True(second.Leave());
        Assert.True(shared.Stopping.IsCancellationRequested);
        Assert.Null(shared.TryJoin());
    }

    private static GatewayResponse Event(string name) => new() { Data = new JsonObject { ["name"] = name } };

    private static string Name(GatewayResponse response) => response.Data!["name"]!.GetValue<string>();
}
