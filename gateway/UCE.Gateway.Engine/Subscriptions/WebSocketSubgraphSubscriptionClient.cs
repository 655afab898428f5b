using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Engine.Subscriptions;

/// <summary>
/// Opens subgraph subscriptions over <c>graphql-transport-ws</c>: one WebSocket per (subgraph URL, forwarded identity),
/// carrying every subscription of that caller to that subgraph, opened with the first and closed when the last ends.
/// The connection's <c>connection_init</c> carries the identity headers signed over the nonce the subgraph sent on the
/// upgrade (<see cref="ISubgraphRequestSigner.SignConnection"/>).
/// </summary>
public sealed class WebSocketSubgraphSubscriptionClient : ISubgraphSubscriptionClient, IDisposable
{
    /// <summary>The upgrade response header carrying the connection's nonce.</summary>
    public const string NonceHeader = "X-UCE-Connection-Nonce";

    private readonly Func<string, TimeSpan> _timeoutOf;
    private readonly ISubgraphRequestSigner? _signer;
    private readonly object _gate = new();
    private readonly Dictionary<string, UpstreamConnection> _connections = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <param name="timeoutOf">How long opening a connection to a subgraph (upgrade and acknowledgement) may take, by subgraph name.</param>
    /// <param name="signer">Signs each connection's identity; unsigned when <c>null</c>.</param>
    /// <param name="eventQueueLimit">Events one subscription may have waiting before it is ended as fallen behind.</param>
    public WebSocketSubgraphSubscriptionClient(Func<string, TimeSpan> timeoutOf, ISubgraphRequestSigner? signer = null, int eventQueueLimit = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventQueueLimit, 1);
        _timeoutOf = timeoutOf;
        _signer = signer;
        EventQueueLimit = eventQueueLimit;
    }

    internal int EventQueueLimit { get; }

    /// <summary>Open upstream connections (for tests and metrics).</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> SubscribeAsync(SubgraphRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (connection, subscription) = await OpenAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var message in subscription.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            connection.Unsubscribe(subscription);
            Release(connection);
        }
    }

    private async Task<(UpstreamConnection Connection, UpstreamSubscription Subscription)> OpenAsync(SubgraphRequest request, CancellationToken cancellationToken)
    {
        var key = ConnectionKey(request);
        UpstreamConnection connection;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connections.TryGetValue(key, out connection!))
            {
                connection = new UpstreamConnection(this, key, request, _timeoutOf(request.Subgraph), _signer);
                _connections[key] = connection;
            }

            connection.References++;
        }

        try
        {
            await connection.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            return (connection, await connection.SubscribeAsync(request.Body, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception)
        {
            Release(connection);
            throw;
        }
    }

    /// <summary>Lets go of one reference; the last closes the connection.</summary>
    private void Release(UpstreamConnection connection)
    {
        lock (_gate)
        {
            if (--connection.References > 0)
            {
                return;
            }

            if (_connections.TryGetValue(connection.Key, out var current) && ReferenceEquals(current, connection))
            {
                _connections.Remove(connection.Key);
            }
        }

        connection.Close();
    }

    /// <summary>A connection that failed takes no more subscriptions: the next one opens a new connection.</summary>
    internal void Forget(UpstreamConnection connection)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.Key, out var current) && ReferenceEquals(current, connection))
            {
                _connections.Remove(connection.Key);
            }
        }
    }

    /// <summary>The subgraph URL and every forwarded header, in a stable order.</summary>
    private static string ConnectionKey(SubgraphRequest request)
    {
        var key = new StringBuilder(request.Url.AbsoluteUri);
        if (request.Headers is not null)
        {
            foreach (var (name, value) in request.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase))
            {
                key.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(value);
            }
        }

        return key.ToString();
    }

    public void Dispose()
    {
        List<UpstreamConnection> open;
        lock (_gate)
        {
            _disposed = true;
            open = [.. _connections.Values];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.Close();
        }
    }

    /// <summary>One upstream subscription: its id on the connection and the events the reader hands it.</summary>
    internal sealed class UpstreamSubscription(string id, int limit)
    {
        private readonly Channel<ReadOnlyMemory<byte>> _events = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(limit)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        public string Id { get; } = id;

        public ChannelReader<ReadOnlyMemory<byte>> Events => _events.Reader;

        /// <summary>True once the subgraph ended it (<c>complete</c> or <c>error</c>) or the connection failed: nothing to tell the subgraph.</summary>
        public bool Ended { get; private set; }

        public bool TryWrite(ReadOnlyMemory<byte> message) => _events.Writer.TryWrite(message);

        public void End(Exception? error = null)
        {
            Ended = true;
            _events.Writer.TryComplete(error);
        }
    }
}
