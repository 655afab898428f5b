using UCE.Subgraphs.Hosting.Events;

namespace UCE.Communications.Events;

/// <summary>The streams notifications are raised from and how they are read: <c>Notifications:Events</c>.</summary>
public sealed record NotificationEventOptions
{
    /// <summary>The outages subgraph's change stream.</summary>
    public string OutageChangeStream { get; init; } = "uce:outages:changes";

    /// <summary>The usage subgraph's event stream (high usage).</summary>
    public string UsageEventStream { get; init; } = "uce:usage:events";

    /// <summary>The consumer group every instance of the communications subgraph reads both streams in.</summary>
    public string Group { get; init; } = "communications";

    /// <summary>This instance's consumer name; default <c>&lt;machine&gt;-&lt;process id&gt;</c>.</summary>
    public string? Consumer { get; init; }

    /// <summary>Runs the consumers in this instance (on by default).</summary>
    public bool ConsumerEnabled { get; init; } = true;

    public TimeSpan ClaimIdleTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int BatchSize { get; init; } = 20;

    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Where entries of <paramref name="stream"/> that cannot be turned into notifications go: <c>&lt;stream&gt;:communications:dead</c>.</summary>
    public string DeadLetterStreamOf(string stream) => $"{stream}:{Group}:dead";

    /// <summary>The stream consumer's options for <paramref name="stream"/>.</summary>
    public StreamConsumerOptions ConsumerOptionsFor(string stream) => new()
    {
        Stream = stream,
        Group = Group,
        Consumer = string.IsNullOrWhiteSpace(Consumer) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Consumer,
        DeadLetterStream = DeadLetterStreamOf(stream),
        ClaimIdleTime = ClaimIdleTime,
        PollInterval = PollInterval,
        BatchSize = BatchSize,
        MaxDeliveries = MaxDeliveries,
    };
}
