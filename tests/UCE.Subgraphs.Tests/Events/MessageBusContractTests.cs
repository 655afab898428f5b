using System.Collections.Concurrent;
using UCE.Subgraphs.Hosting.Events;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Events;

/// <summary>What every <see cref="IMessageBus"/> promises, on Redis pub/sub and in process alike.</summary>
public abstract class MessageBusContractTests
{
    private readonly string channel = TestRedis.UniqueName("channel");

    protected abstract IMessageBus Bus { get; }

    [Fact]
    public async Task Every_subscriber_receives_every_message_in_order()
    {
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();
        await using var a = await Bus.SubscribeAsync(channel, message => Enqueue(first, message));
        await using var b = await Bus.SubscribeAsync(channel, message => Enqueue(second, message));

        for (var i = 1; i <= 20; i++)
        {
            await Bus.PublishAsync(channel, $"m{i}");
        }

        await Eventually.TrueAsync(() => first.Count == 20 && second.Count == 20, "both subscribers receive all twenty messages");
        var expected = Enumerable.Range(1, 20).Select(i => $"m{i}");
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }

    [Fact]
    public async Task A_subscriber_hears_only_its_channel_and_nothing_after_it_unsubscribes()
    {
        var heard = new ConcurrentQueue<string>();
        var other = new ConcurrentQueue<string>();
        var subscription = await Bus.SubscribeAsync(channel, message => Enqueue(heard, message));
        await using var witness = await Bus.SubscribeAsync(channel, message => Enqueue(other, message));

        await Bus.PublishAsync(channel + ":other", "elsewhere");
        await Bus.PublishAsync(channel, "before");
        await Eventually.TrueAsync(() => heard.Count == 1, "the first message arrives");
        await subscription.DisposeAsync();
        await Bus.PublishAsync(channel, "after");
        await Eventually.TrueAsync(() => other.Count == 2, "the witness hears the message sent after the unsubscription");

        Assert.Equal(["before"], heard);
    }

    [Fact]
    public async Task A_failing_handler_keeps_its_subscription()
    {
        var heard = new ConcurrentQueue<string>();
        await using var subscription = await Bus.SubscribeAsync(channel, message =>
            message == "poison" ? throw new InvalidOperationException("handler bug") : Enqueue(heard, message));

        await Bus.PublishAsync(channel, "poison");
        await Bus.PublishAsync(channel, "fine");

        await Eventually.TrueAsync(() => heard.Count == 1, "the message after the failing one arrives");
        Assert.Equal(["fine"], heard);
    }

    private static Task Enqueue(ConcurrentQueue<string> queue, string message)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>The contract on Redis pub/sub.</summary>
public sealed class RedisMessageBusTests : MessageBusContractTests
{
    protected override IMessageBus Bus { get; } = new RedisMessageBus(TestRedis.Connection);
}

/// <summary>The contract in process.</summary>
public sealed class InProcessMessageBusTests : MessageBusContractTests
{
    protected override IMessageBus Bus { get; } = new InProcessMessageBus();
}
