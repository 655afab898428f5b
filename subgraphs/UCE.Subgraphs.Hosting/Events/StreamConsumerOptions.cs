namespace UCE.Subgraphs.Hosting.Events;

/// <summary>Where a <see cref="StreamConsumer"/> reads, as whom, and how it recovers entries that other consumers dropped.</summary>
public sealed record StreamConsumerOptions
{
    /// <summary>The stream read (<c>uce:grid:events</c>).</summary>
    public required string Stream { get; init; }

    /// <summary>The consumer group; every instance of one subgraph uses the same group, so each entry is handled once.</summary>
    public required string Group { get; init; }

    /// <summary>This consumer's name in the group; stable across restarts, so a restarted consumer finds what it still held.</summary>
    public required string Consumer { get; init; }

    /// <summary>Where rejected entries go, with the reason (<c>uce:grid:events:dead</c>).</summary>
    public required string DeadLetterStream { get; init; }

    /// <summary>Entries read per call.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long an entry stays pending before any consumer of the group may claim it (a dead consumer's entries, or a failed attempt).</summary>
    public TimeSpan ClaimIdleTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle consumer waits before it looks for new entries again (Redis is polled).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliveries after which an entry that keeps failing is dead-lettered instead of tried again.</summary>
    public int MaxDeliveries { get; init; } = 5;
}
