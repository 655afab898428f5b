using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>
/// Where directory events go and how a subgraph reads them: the <c>Directory</c> configuration section. Each subgraph
/// reads the stream in a consumer group of its own name, so each one sees every event once.
/// </summary>
public sealed record DirectoryStreamOptions : StreamConsumerSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Directory";

    public DirectoryStreamOptions()
    {
        PollInterval = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>The stream the customers subgraph's outbox publishes directory events to.</summary>
    public string Stream { get; init; } = "uce:directory";

    /// <summary>Where events that cannot be applied go, with the reason: <c>&lt;stream&gt;:&lt;group&gt;:dead</c>.</summary>
    public string DeadLetterStream => $"{Stream}:{Group}:dead";

    /// <summary>The section's options, the group defaulting to <paramref name="subgraph"/>.</summary>
    public static DirectoryStreamOptions Read(IConfiguration configuration, string subgraph)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<DirectoryStreamOptions>() ?? new DirectoryStreamOptions();
        return string.IsNullOrWhiteSpace(options.Group) ? options with { Group = subgraph } : options;
    }

    /// <summary>The stream consumer's options.</summary>
    public StreamConsumerOptions ConsumerOptions() => ConsumerOptionsFor(Stream, DeadLetterStream);
}
