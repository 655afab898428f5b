using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>Where interaction events go and how the customers subgraph reads them: the <c>Interactions</c> configuration section.</summary>
public sealed record InteractionStreamOptions : StreamConsumerSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Interactions";

    public InteractionStreamOptions()
    {
        Group = "customers";
        PollInterval = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>The stream every subgraph's outbox publishes interaction events to.</summary>
    public string Stream { get; init; } = "uce:interactions";

    /// <summary>Where events that cannot be recorded go, with the reason: <c>&lt;stream&gt;:&lt;group&gt;:dead</c>.</summary>
    public string DeadLetterStream => $"{Stream}:{Group}:dead";

    public static InteractionStreamOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<InteractionStreamOptions>() ?? new InteractionStreamOptions();
    }

    /// <summary>The stream consumer's options.</summary>
    public StreamConsumerOptions ConsumerOptions() => ConsumerOptionsFor(Stream, DeadLetterStream);
}
