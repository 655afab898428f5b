using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Gateway.Configuration;

/// <summary>Limits and timers of the gateway's subscriptions over WebSocket and server-sent events (<c>Gateway:Subscriptions</c>).</summary>
public sealed class GatewaySubscriptionOptions
{
    /// <summary>How long a WebSocket may stay open without <c>connection_init</c>; then it is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a WebSocket gets a <c>ping</c>, and an idle event stream a comment (zero: never).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many messages may wait to be sent on one WebSocket before its client is dropped (1013).</summary>
    public int SendQueueLimit { get; set; } = 256;

    /// <summary>How long a closing WebSocket may take to send its close frame before it is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many operations one WebSocket may run at once; a <c>subscribe</c> beyond it ends with an error.</summary>
    public int MaxOperationsPerConnection { get; set; } = 100;

    /// <summary>The protocol settings of one WebSocket; messages are limited like request bodies.</summary>
    public SubscriptionSettings ToSettings(long maxMessageBytes)
    {
        if (ConnectionInitTimeout <= TimeSpan.Zero || CloseTimeout <= TimeSpan.Zero || KeepAliveInterval < TimeSpan.Zero || SendQueueLimit < 1 || MaxOperationsPerConnection < 1)
        {
            throw new InvalidOperationException(
                "Gateway:Subscriptions: ConnectionInitTimeout and CloseTimeout must be positive, KeepAliveInterval zero or positive, SendQueueLimit and MaxOperationsPerConnection at least 1.");
        }

        return new SubscriptionSettings
        {
            ConnectionInitTimeout = ConnectionInitTimeout,
            KeepAliveInterval = KeepAliveInterval,
            SendQueueLimit = SendQueueLimit,
            CloseTimeout = CloseTimeout,
            MaxMessageBytes = maxMessageBytes,
        };
    }
}
