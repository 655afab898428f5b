using System.Threading.Channels;

namespace UCE.Subgraphs.Hosting.Subscriptions;

/// <summary>What happened to a message offered to a <see cref="SendQueue"/>.</summary>
internal enum SendQueueOutcome
{
    Queued,

    /// <summary>The queue holds its limit: the consumer does not keep up and is to be dropped.</summary>
    Full,

    /// <summary>The connection is closing; the message is not sent.</summary>
    Closed,
}

/// <summary>
/// The messages waiting to be written to one connection, at most <see cref="Limit"/> of them. Producers never wait: a
/// consumer that reads slower than events arrive fills the queue and is dropped, so it cannot make the server hold more
/// than <see cref="Limit"/> messages for it.
/// </summary>
internal sealed class SendQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> channel;
    private volatile bool completed;

    public SendQueue(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(limit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Limit { get; }

    /// <summary>Messages waiting now.</summary>
    public int Count => channel.Reader.Count;

    public ChannelReader<ReadOnlyMemory<byte>> Reader => channel.Reader;

    public SendQueueOutcome Enqueue(ReadOnlyMemory<byte> message)
    {
        if (channel.Writer.TryWrite(message))
        {
            return SendQueueOutcome.Queued;
        }

        return completed ? SendQueueOutcome.Closed : SendQueueOutcome.Full;
    }

    /// <summary>Accepts no more messages; the reader still gets those already queued.</summary>
    public void Complete()
    {
        completed = true;
        channel.Writer.TryComplete();
    }
}
