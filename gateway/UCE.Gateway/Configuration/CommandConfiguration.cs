namespace UCE.Gateway.Configuration;

/// <summary>The configuration the command-line verbs read: the same sources, in the same order, as the gateway's own.</summary>
public static class CommandConfiguration
{
    /// <summary><c>appsettings.json</c> beside the binaries, environment variables, then <paramref name="arguments"/> (<c>--Gateway:…=…</c>).</summary>
    public static IConfiguration Build(IEnumerable<string> arguments) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. arguments])
            .Build();
}
