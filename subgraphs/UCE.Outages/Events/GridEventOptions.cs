using Microsoft.Extensions.Configuration;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>Where grid events come from and where changes go: configuration section <c>GridEvents</c>.</summary>
public sealed record GridEventOptions
{
    public const string SectionName = "GridEvents";

    /// <summary>The stream the grid writes to.</summary>
    public string Stream { get; init; } = "uce:grid:events";

    /// <summary>Where events that cannot be applied go, with the reason.</summary>
    public string DeadLetterStream { get; init; } = "uce:grid:events:dead";

    /// <summary>The consumer group every instance of the outages subgraph reads in.</summary>
    public string Group { get; init; } = "outages";

    /// <summary>
    /// This instance's consumer name; default <c>&lt;machine&gt;-&lt;process id&gt;</c>. A stable name lets a restarted instance take
    /// back what it held at once; otherwise another consumer claims it after <see cref="ClaimIdleTime"/>.
    /// </summary>
    public string? Consumer { get; init; }

    /// <summary>The pub/sub channel every applied change is published on.</summary>
    public string ChangesChannel { get; init; } = "uce:outages:changed";

    /// <summary>
    /// The durable stream every applied change is also added to, with the customers it affects (field <c>change</c>): what other
    /// subgraphs (communications) consume with their own consumer group. Unlike the change channel it keeps what a consumer has not read.
    /// </summary>
    public string ChangeStream { get; init; } = "uce:outages:changes";

    /// <summary>How long an event stays with a consumer that does not acknowledge it before another may claim it.</summary>
    public TimeSpan ClaimIdleTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int BatchSize { get; init; } = 50;

    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Runs the stream consumer in this instance (on by default; an instance that only serves the graph turns it off).</summary>
    public bool ConsumerEnabled { get; init; } = true;

    public static GridEventOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<GridEventOptions>() ?? new GridEventOptions();

    /// <summary>The stream consumer's options.</summary>
    public StreamConsumerOptions ToConsumerOptions() => new()
    {
        Stream = Stream,
        Group = Group,
        Consumer = string.IsNullOrWhiteSpace(Consumer) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Consumer,
        DeadLetterStream = DeadLetterStream,
        ClaimIdleTime = ClaimIdleTime,
        PollInterval = PollInterval,
        BatchSize = BatchSize,
        MaxDeliveries = MaxDeliveries,
    };
}
