using Microsoft.Extensions.Configuration;

namespace UCE.Usage.Events;

/// <summary>Where usage events go: configuration section <c>UsageEvents</c>.</summary>
public sealed record UsageEventOptions
{
    public const string SectionName = "UsageEvents";

    /// <summary>The stream high-usage events are added to (field <c>event</c>, JSON); communications reads it.</summary>
    public string Stream { get; init; } = "uce:usage:events";

    public static UsageEventOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<UsageEventOptions>() ?? new UsageEventOptions();
}
