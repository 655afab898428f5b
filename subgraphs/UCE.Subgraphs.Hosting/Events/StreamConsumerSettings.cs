namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// How a subgraph reads a stream with its consumer group, as configured (<c>GridEvents</c>, <c>Notifications:Events</c>,
/// <c>Interactions</c>): the options records of the consumers derive from it and name their group and streams.
/// </summary>
public abstract record StreamConsumerSettings
{
    /// <summary>The consumer group every instance of the subgraph reads in.</summary>
    public string Group { get; init; } = "";

    /// <summary>
    /// This instance's consumer name; default <c>&lt;machine&gt;-&lt;process id&gt;</c>. A stable name lets a restarted instance take
    /// back what it held at once; otherwise another consumer claims it after <see cref="ClaimIdleTime"/>.
    /// </summary>
    public string? Consumer { get; init; }

    /// <summary>Runs the consumer in this instance (on by default; an instance that only serves the graph turns it off).</summary>
    public bool ConsumerEnabled { get; init; } = true;

    /// <summary>How long an entry stays with a consumer that does not acknowledge it before another may claim it.</summary>
    public TimeSpan ClaimIdleTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int BatchSize { get; init; } = 50;

    public int MaxDeliveries { get; init; } = 5;

    /// <summary>The stream consumer's options for <paramref name="stream"/>, rejecting to <paramref name="deadLetterStream"/>.</summary>
    public StreamConsumerOptions ConsumerOptionsFor(string stream, string deadLetterStream) => new()
    {
        Stream = stream,
        Group = Group,
        Consumer = string.IsNullOrWhiteSpace(Consumer) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Consumer,
        DeadLetterStream = deadLetterStream,
        ClaimIdleTime = ClaimIdleTime,
        PollInterval = PollInterval,
        BatchSize = BatchSize,
        MaxDeliveries = MaxDeliveries,
    };
}
