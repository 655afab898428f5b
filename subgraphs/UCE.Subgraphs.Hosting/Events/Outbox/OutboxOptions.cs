using Microsoft.Extensions.Configuration;

namespace UCE.Subgraphs.Hosting.Events.Outbox;

/// <summary>How the outbox relay runs: <c>Outbox:RelayEnabled</c>, <c>Outbox:PollInterval</c>, <c>Outbox:BatchSize</c>.</summary>
public sealed record OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outbox";

    /// <summary>Runs the relay in this instance (on by default); rows written while it is off are published once one runs.</summary>
    public bool RelayEnabled { get; init; } = true;

    /// <summary>How long the relay waits between looks when no commit in this process woke it (rows written by other instances).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per transaction.</summary>
    public int BatchSize { get; init; } = 100;

    public static OutboxOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<OutboxOptions>() ?? new OutboxOptions();
    }
}
