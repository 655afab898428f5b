using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>Where interaction events go and how the customers subgraph reads them: the <c>Interactions</c> configuration section.</summary>
public sealed record InteractionStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Interactions";

    /// <summary>The stream every subgraph's outbox publishes interaction events to.</summary>
    public string Stream { get; init; } = "uce:interactions";

    /// <summary>The consumer group the customers subgraph reads the stream in.</summary>
    public string Group { get; init; } = "customers";

    /// <summary>This instance's consumer name; default <c>&lt;machine&gt;-&lt;process id&gt;</c>.</summary>
    public string? Consumer { get; init; }

    /// <summary>Runs the consumer in the customers subgraph (on by default).</summary>
    public bool ConsumerEnabled { get; init; } = true;

    public TimeSpan ClaimIdleTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public int BatchSize { get; init; } = 50;

    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Where events that cannot be recorded go, with the reason: <c>&lt;stream&gt;:&lt;group&gt;:dead</c>.</summary>
    public string DeadLetterStream => $"{Stream}:{Group}:dead";

    public static InteractionStreamOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<InteractionStreamOptions>() ?? new InteractionStreamOptions();
    }

    /// <summary>The stream consumer's options.</summary>
    public StreamConsumerOptions ConsumerOptions() => new()
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
