using Microsoft.AspNetCore.Builder;

namespace UCE.Subgraphs.Hosting;

/// <summary>How <see cref="SubgraphHost.Build"/> hosts one subgraph: where it listens and which database it uses.</summary>
public sealed class SubgraphHostOptions
{
    /// <summary>The TCP port; 0 lets the operating system pick one; null uses the module's default port.</summary>
    public int? Port { get; init; }

    /// <summary>The address to bind; null reads <c>UCE_BIND_ADDRESS</c>, then loopback <c>127.0.0.1</c> (containers set <c>0.0.0.0</c>).</summary>
    public string? BindAddress { get; init; }

    /// <summary>A PostgreSQL connection string; null falls back to <c>ConnectionStrings:&lt;Name&gt;</c> and then to an SQLite file.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>A read-only PostgreSQL connection string (a replica) for queries; null falls back to <c>ConnectionStrings:&lt;Name&gt;ReadOnly</c>, then to the primary.</summary>
    public string? ReadOnlyConnectionString { get; init; }

    /// <summary>The folder of the SQLite files; null reads <c>UCE_DATA_DIR</c>, then <c>./data</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Extra configuration values (<c>Logging:LogLevel:Default</c> …), applied last.</summary>
    public IDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>Seeds the demo set when the database is empty (on by default; the generator turns it off).</summary>
    public bool SeedDemoData { get; init; } = true;

    /// <summary>
    /// The UTC day the demo set is written as of; null takes the current day of the host's <see cref="TimeProvider"/>. A process
    /// hosting several subgraphs passes one day to all, so that they agree even when they start around midnight.
    /// </summary>
    public DateOnly? DemoDate { get; init; }

    /// <summary>
    /// The in-process event stream of a process that hosts several subgraphs without Redis (the embedded default): one stream for
    /// all of them, so that outage changes and usage events reach the communications subgraph. Ignored when Redis is configured.
    /// </summary>
    public Events.IEventStream? SharedEventStream { get; init; }

    /// <summary>Registers OpenTelemetry tracing; a process hosting several subgraphs enables it on one of them only.</summary>
    public bool EnableTracing { get; init; } = true;

    /// <summary>Command-line arguments passed on to the ASP.NET Core configuration.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>A last hook on the builder (tests plug in the in-memory test server here).</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }
}
