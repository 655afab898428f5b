using System.Threading.Channels;

namespace UCE.Gateway.Engine.Subscriptions;

/// <summary>
/// One upstream subscription and the clients that asked for exactly the same thing (same operation, variables and
/// identity): every event runs the rest of the plan once and the one response goes to each of them. The first client
/// starts it; the last to leave stops it, which ends the upstream subscription.
/// </summary>
internal sealed class SharedSubscription : IDisposable
{
    private readonly object _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _queueLimit;
    private bool _ended;

    public SharedSubscription(int queueLimit) => _queueLimit = queueLimit;

    /// <summary>Cancelled when the last subscriber left: the source stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// A new subscriber, or <c>null</c> when this subscription has ended (or is ending) and takes no more. With
    /// <paramref name="receiver"/> its responses are handed to it as they are published; without, they wait in the
    /// subscriber's queue for <see cref="Subscriber.ReadAllAsync"/>.
    /// </summary>
    public Subscriber? TryJoin(ISubscriptionReceiver? receiver = null)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return null;
            }

            var subscriber = new Subscriber(this, _queueLimit, receiver);
            _subscribers.Add(subscriber);
            return subscriber;
        }
    }

    /// <summary>A subscriber whose responses go to <paramref name="receive"/>; <see cref="Subscriber.Ended"/> tells when it ended.</summary>
    public Subscriber? TryJoin(Action<GatewayResponse> receive) => TryJoin(new ActionReceiver(receive));

    /// <summary>
    /// Subscribers handed one event by one thread; beyond, the event is handed out by as many threads as there are
    /// processors, each taking a share of the subscribers (a fan-out to thousands sends thousands of messages).
    /// </summary>
    internal const int SubscribersPerThread = 512;

    /// <summary>
    /// Hands <paramref name="response"/> to every subscriber and returns once all have it (so each gets the events in
    /// order); one that has <see cref="_queueLimit"/> waiting is dropped with <paramref name="fellBehind"/>.
    /// </summary>
    public void Publish(GatewayResponse response, Func<GatewayResponse> fellBehind)
    {
        Subscriber[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        var threads = Math.Min(Environment.ProcessorCount, subscribers.Length / SubscribersPerThread);
        if (threads <= 1)
        {
            Hand(subscribers, 0, subscribers.Length, response, fellBehind);
            return;
        }

        // The calling thread takes one share itself.
        var share = (subscribers.Length + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            var from = part * share;
            Hand(subscribers, from, Math.Min(subscribers.Length, from + share), response, fellBehind);
        });
    }

    private static void Hand(Subscriber[] subscribers, int from, int to, GatewayResponse response, Func<GatewayResponse> fellBehind)
    {
        for (var i = from; i < to; i++)
        {
            if (!subscribers[i].TryWrite(response))
            {
                subscribers[i].End(fellBehind());
            }
        }
    }

    /// <summary>The source ended: every subscriber gets <paramref name="last"/> (when there is one) and its stream ends.</summary>
    public void End(GatewayResponse? last)
    {
        Subscriber[] subscribers;
        lock (_gate)
        {
            _ended = true;
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.End(last);
        }
    }

    /// <summary>Removes a subscriber; returns true when it was the last, and then no one can join any more.</summary>
    private bool Leave(Subscriber subscriber)
    {
        lock (_gate)
        {
            if (!_subscribers.Remove(subscriber) || _subscribers.Count > 0)
            {
                return false;
            }

            _ended = true;
        }

        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The source had ended already.
        }

        return true;
    }

    /// <summary>Called once the source has ended.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// One client's place in a shared subscription: either a receiver its responses are handed to as they are published, or
    /// the responses waiting for it (at most the limit; one more slot holds the response that tells it it fell behind).
    /// </summary>
    internal sealed class Subscriber
    {
        private readonly SharedSubscription _shared;
        private readonly ISubscriptionReceiver? _receiver;
        private readonly Channel<GatewayResponse>? _responses;
        private readonly int _limit;
        private CancellationTokenRegistration _cancellation;
        private int _waiting;
        private int _left;
        private int _ended;

        public Subscriber(SharedSubscription shared, int limit, ISubscriptionReceiver? receiver)
        {
            _shared = shared;
            _limit = limit;
            _receiver = receiver;
            if (receiver is null)
            {
                _responses = Channel.CreateUnbounded<GatewayResponse>(new UnboundedChannelOptions { SingleReader = true });
            }
        }

        /// <summary>Completes when a subscriber that joined with an action has ended.</summary>
        public Task Ended => (_receiver as ActionReceiver)?.Ended ?? throw new InvalidOperationException("Only a subscriber that joined with an action has this task.");

        public async IAsyncEnumerable<GatewayResponse> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var responses = _responses ?? throw new InvalidOperationException("A subscriber with a receiver is not read.");
            await foreach (var response in responses.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Decrement(ref _waiting);
                yield return response;
            }
        }

        /// <summary>Leaves the shared subscription when <paramref name="cancellationToken"/> is cancelled (at once if it is).</summary>
        public void LeaveWhen(CancellationToken cancellationToken)
        {
            _cancellation = cancellationToken.UnsafeRegister(static state => ((Subscriber)state!).Leave(), this);
            if (Volatile.Read(ref _ended) == 1)
            {
                // Ended while registering: the end could not unregister what was not there yet.
                _cancellation.Unregister();
            }
        }

        public bool TryWrite(GatewayResponse response)
        {
            if (_receiver is not null)
            {
                if (Volatile.Read(ref _left) == 0 && Volatile.Read(ref _ended) == 0)
                {
                    try
                    {
                        _receiver.Receive(response);
                    }
                    catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
                    {
                        // The receiver's transport is gone: this subscriber leaves; the others still get the event.
                        Leave();
                    }
                }

                return true;
            }

            if (Interlocked.Increment(ref _waiting) > _limit)
            {
                Interlocked.Decrement(ref _waiting);
                return false;
            }

            if (!_responses!.Writer.TryWrite(response))
            {
                Interlocked.Decrement(ref _waiting);
            }

            return true;
        }

        /// <summary>The source ended: <paramref name="last"/> (when there is one) is the subscriber's last response.</summary>
        public void End(GatewayResponse? last)
        {
            if (_receiver is not null)
            {
                if (last is not null && Volatile.Read(ref _left) == 0 && Volatile.Read(ref _ended) == 0)
                {
                    try
                    {
                        _receiver.Receive(last);
                    }
                    catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
                    {
                        // The receiver's transport is gone; it ends all the same.
                    }
                }

                Leave();
                return;
            }

            if (last is not null && _responses!.Writer.TryWrite(last))
            {
                Interlocked.Increment(ref _waiting);
            }

            _responses!.Writer.TryComplete();
        }

        /// <summary>The client is gone (or its stream ended); the last one out stops the source. Returns true when this was the last.</summary>
        public bool Leave()
        {
            _responses?.Writer.TryComplete();
            if (_receiver is not null && Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _cancellation.Unregister();
                _receiver.End(null);
            }

            return Interlocked.Exchange(ref _left, 1) == 0 && _shared.Leave(this);
        }
    }

    /// <summary>A receiver made of an action, whose end is a task.</summary>
    internal sealed class ActionReceiver(Action<GatewayResponse> receive) : ISubscriptionReceiver
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ended => _ended.Task;

        public void Receive(GatewayResponse response) => receive(response);

        public void End(Exception? failure)
        {
            if (failure is null)
            {
                _ended.TrySetResult();
            }
            else
            {
                _ended.TrySetException(failure);
            }
        }
    }
}
