using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class SendQueueTests
{
    [Fact]
    public void A_queue_takes_messages_up_to_its_limit_and_reports_the_next_one_as_full()
    {
        var queue = new SendQueue(3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(SendQueueOutcome.Queued, queue.Enqueue(new byte[] { 1 })));
        Assert.Equal(SendQueueOutcome.Full, queue.Enqueue(new byte[] { 1 }));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void A_read_message_makes_room_for_one_more()
    {
        var queue = new SendQueue(1);
        queue.Enqueue(new byte[] { 1 });

        Assert.True(queue.Reader.TryRead(out _));
        Assert.Equal(SendQueueOutcome.Queued, queue.Enqueue(new byte[] { 2 }));
    }

    [Fact]
    public void A_completed_queue_refuses_messages_as_closed_and_still_hands_out_what_it_holds()
    {
        var queue = new SendQueue(2);
        queue.Enqueue(new byte[] { 1 });
        queue.Complete();

        Assert.Equal(SendQueueOutcome.Closed, queue.Enqueue(new byte[] { 2 }));
        Assert.True(queue.Reader.TryRead(out var held));
        Assert.Equal(1, held.Span[0]);
        Assert.True(queue.Reader.Completion.IsCompleted);
    }
}
