using Microsoft.Extensions.Configuration;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Events;

/// <summary>Where grid events come from and where changes go: configuration section <c>GridEvents</c>.</summary>
public sealed record GridEventOptions : StreamConsumerSettings
{
    public const string SectionName = "GridEvents";

    public GridEventOptions() => Group = "outages";

    /// <summary>The stream the grid writes to.</summary>
    public string Stream { get; init; } = "uce:grid:events";

    /// <summary>Where events that cannot be applied go, with the reason.</summary>
    public string DeadLetterStream { get; init; } = "uce:grid:events:dead";

    /// <summary>The pub/sub channel every applied change is published on.</summary>
    public string ChangesChannel { get; init; } = "uce:outages:changed";

    /// <summary>
    /// The durable stream every applied change is also added to, with the customers it affects (field <c>change</c>): what other
    /// subgraphs (communications) consume with their own consumer group. Unlike the change channel it keeps what a consumer has not read.
    /// </summary>
    public string ChangeStream { get; init; } = "uce:outages:changes";

    public static GridEventOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<GridEventOptions>() ?? new GridEventOptions();

    /// <summary>The stream consumer's options.</summary>
    public StreamConsumerOptions ToConsumerOptions() => ConsumerOptionsFor(Stream, DeadLetterStream);
}
