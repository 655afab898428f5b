using UCE.Subgraphs.Hosting.Events;

namespace UCE.Communications.Events;

/// <summary>The streams notifications are raised from and how they are read: <c>Notifications:Events</c>.</summary>
public sealed record NotificationEventOptions : StreamConsumerSettings
{
    public NotificationEventOptions()
    {
        Group = "communications";
        BatchSize = 20;
    }

    /// <summary>The outages subgraph's change stream.</summary>
    public string OutageChangeStream { get; init; } = "uce:outages:changes";

    /// <summary>The usage subgraph's event stream (high usage).</summary>
    public string UsageEventStream { get; init; } = "uce:usage:events";

    /// <summary>Where entries of <paramref name="stream"/> that cannot be turned into notifications go: <c>&lt;stream&gt;:communications:dead</c>.</summary>
    public string DeadLetterStreamOf(string stream) => $"{stream}:{Group}:dead";

    /// <summary>The stream consumer's options for <paramref name="stream"/>.</summary>
    public StreamConsumerOptions ConsumerOptionsFor(string stream) => ConsumerOptionsFor(stream, DeadLetterStreamOf(stream));
}
