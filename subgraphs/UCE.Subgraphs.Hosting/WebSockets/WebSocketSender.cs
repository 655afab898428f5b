using System.Net.WebSockets;
using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// The one way out of a connection's WebSocket: messages leave in the order they were offered, one at a time, with at most
/// <see cref="Limit"/> waiting, then the close frame. A message offered while nothing is on its way is sent at once by the
/// thread that offers it: the transport usually takes it into its buffer there and then, so a fan-out reaches an idle
/// connection without a task switch, and an idle connection holds neither a queue nor a waiting writer. A message offered
/// while another is on its way waits, and whichever side finishes the send in flight sends it. A consumer that stops
/// reading fills the queue (<see cref="SendQueueOutcome.Full"/>) and is dropped by the connection, so it can never make the
/// server hold more than <see cref="Limit"/> messages for it.
/// </summary>
internal sealed class WebSocketSender
{
    private readonly WebSocket socket;
    private readonly object gate = new();
    private Queue<ReadOnlyMemory<byte>>? waiting;
    private bool sending;
    private bool closing;
    private bool discard;
    private bool gone;
    private int closeCode;
    private string closeReason = string.Empty;
    private TaskCompletionSource? closed;

    public WebSocketSender(WebSocket socket, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        this.socket = socket;
        Limit = limit;
    }

    /// <summary>The most messages that wait behind the one on its way.</summary>
    public int Limit { get; }

    /// <summary>Sends <paramref name="message"/> now, or queues it behind the one on its way.</summary>
    public SendQueueOutcome Send(ReadOnlyMemory<byte> message)
    {
        lock (gate)
        {
            if (closing || gone)
            {
                return SendQueueOutcome.Closed;
            }

            if (sending)
            {
                waiting ??= new Queue<ReadOnlyMemory<byte>>(4);
                if (waiting.Count >= Limit)
                {
                    return SendQueueOutcome.Full;
                }

                waiting.Enqueue(message);
                return SendQueueOutcome.Queued;
            }

            sending = true;
        }

        Pump(message);
        return SendQueueOutcome.Queued;
    }

    /// <summary>
    /// Ends once the close frame is written or the socket is gone. Asking for it does not close: it waits for whichever
    /// <see cref="CloseAsync"/> comes, even one another thread is about to make.
    /// </summary>
    public Task Closed
    {
        get
        {
            lock (gate)
            {
                return ClosedSource().Task;
            }
        }
    }

    /// <summary>
    /// Takes no more messages and sends the close frame after those waiting, or in their place with
    /// <paramref name="discardWaiting"/>; the first call decides the code. The task is <see cref="Closed"/>.
    /// </summary>
    public Task CloseAsync(int code, string reason, bool discardWaiting)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = ClosedSource();
            if (closing || gone)
            {
                return done.Task;
            }

            closing = true;
            closeCode = code;
            closeReason = reason;
            discard = discardWaiting;
            if (discardWaiting)
            {
                waiting = null;
            }

            if (sending)
            {
                // The side sending now writes the close frame when it is done.
                return done.Task;
            }

            sending = true;
        }

        Pump(null);
        return done.Task;
    }

    /// <summary>The close's completion, made on first need (an idle connection has none); already complete once the socket is gone.</summary>
    private TaskCompletionSource ClosedSource()
    {
        if (closed is null)
        {
            closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (gone)
            {
                closed.TrySetResult();
            }
        }

        return closed;
    }

    /// <summary>Sends <paramref name="first"/> (when given) and then whatever waits, as long as each send completes at once.</summary>
    private void Pump(ReadOnlyMemory<byte>? first)
    {
        var message = first;
        while (true)
        {
            if (message is { } next)
            {
                ValueTask sent;
                try
                {
                    sent = socket.SendAsync(next, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
                catch (Exception exception) when (IsGone(exception))
                {
                    Gone();
                    return;
                }

                if (!sent.IsCompleted)
                {
                    _ = ContinueAfterAsync(sent);
                    return;
                }

                try
                {
                    sent.GetAwaiter().GetResult();
                }
                catch (Exception exception) when (IsGone(exception))
                {
                    Gone();
                    return;
                }
            }

            lock (gate)
            {
                if (!discard && waiting is { Count: > 0 })
                {
                    message = waiting.Dequeue();
                    continue;
                }

                // Nothing waits: an idle connection keeps no queue.
                waiting = null;
                if (!closing)
                {
                    sending = false;
                    return;
                }
            }

            _ = SendCloseAsync();
            return;
        }
    }

    private async Task ContinueAfterAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception exception) when (IsGone(exception))
        {
            Gone();
            return;
        }

        Pump(null);
    }

    private async Task SendCloseAsync()
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, closeReason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsGone(exception))
        {
            // Aborted: the client is gone or did not read its close frame in time.
        }

        Gone();
    }

    /// <summary>The socket can take nothing more (closed, aborted or failed): whatever waits is dropped.</summary>
    private void Gone()
    {
        TaskCompletionSource? done;
        lock (gate)
        {
            gone = true;
            waiting = null;
            done = closed;
        }

        done?.TrySetResult();
    }

    private static bool IsGone(Exception exception) =>
        exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException;
}
