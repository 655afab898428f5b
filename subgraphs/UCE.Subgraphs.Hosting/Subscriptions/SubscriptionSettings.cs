using Microsoft.Extensions.Configuration;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Subscriptions;

/// <summary>The limits and timers of the streaming transports (WebSocket and server-sent events), read from configuration.</summary>
public sealed class SubscriptionSettings
{
    /// <summary>How long a WebSocket may stay open without <c>connection_init</c> (a <see cref="TimeSpan"/>; default 3 s).</summary>
    public const string ConnectionInitTimeoutKey = "Subgraph:Subscriptions:ConnectionInitTimeout";

    /// <summary>How many messages may wait to be sent on one connection before its consumer is dropped (default 256).</summary>
    public const string SendQueueLimitKey = "Subgraph:Subscriptions:SendQueueLimit";

    /// <summary>How often the server sends a graphql-transport-ws <c>ping</c> (a <see cref="TimeSpan"/>; default 15 s; zero turns it off).</summary>
    public const string KeepAliveIntervalKey = "Subgraph:Subscriptions:KeepAliveInterval";

    /// <summary>How long a closing WebSocket may take to send its close frame before the connection is aborted (default 5 s).</summary>
    public const string CloseTimeoutKey = "Subgraph:Subscriptions:CloseTimeout";

    public TimeSpan ConnectionInitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int SendQueueLimit { get; init; } = 256;

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest WebSocket message read, the same limit as a request body (<c>Subgraph:MaxRequestBodyBytes</c>).</summary>
    public long MaxMessageBytes { get; init; } = IdentityVerifier.DefaultMaxRequestBodyBytes;

    public static SubscriptionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new SubscriptionSettings();
        var settings = new SubscriptionSettings
        {
            ConnectionInitTimeout = configuration.GetValue<TimeSpan?>(ConnectionInitTimeoutKey) ?? defaults.ConnectionInitTimeout,
            SendQueueLimit = configuration.GetValue<int?>(SendQueueLimitKey) ?? defaults.SendQueueLimit,
            KeepAliveInterval = configuration.GetValue<TimeSpan?>(KeepAliveIntervalKey) ?? defaults.KeepAliveInterval,
            CloseTimeout = configuration.GetValue<TimeSpan?>(CloseTimeoutKey) ?? defaults.CloseTimeout,
            MaxMessageBytes = configuration.GetValue<long?>(IdentityVerifier.MaxRequestBodyBytesKey) ?? defaults.MaxMessageBytes,
        };
        if (settings.ConnectionInitTimeout <= TimeSpan.Zero || settings.CloseTimeout <= TimeSpan.Zero || settings.KeepAliveInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{ConnectionInitTimeoutKey} and {CloseTimeoutKey} must be positive and {KeepAliveIntervalKey} zero or positive.");
        }

        if (settings.SendQueueLimit < 1)
        {
            throw new InvalidOperationException($"{SendQueueLimitKey} must be at least 1; got {settings.SendQueueLimit}.");
        }

        return settings;
    }
}
