using System.Diagnostics;
using System.Globalization;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Events;

namespace UCE.Outages.Simulation;

/// <summary>
/// <c>simulate-grid [--storm] [--outages N] [--duration SECONDS] [--locations N] [--redis HOST:PORT] [--stream NAME] [--seed N]</c>:
/// publishes a <see cref="GridSimulation"/> timeline to the grid event stream in real time.
/// </summary>
public static class SimulateGridCommand
{
    public const string Name = "simulate-grid";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var options, out var redis, out var stream, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync("usage: simulate-grid [--storm] [--outages N] [--duration SECONDS] [--locations N] [--redis HOST:PORT] [--stream NAME] [--seed N]");
            return 2;
        }

        var timeline = GridSimulation.Build(options, DateTime.UtcNow);
        using var connection = EventsRegistration.Connect(redis);
        if (!connection.IsConnected)
        {
            await error.WriteLineAsync($"simulate-grid: Redis at {redis} does not answer.");
            return 1;
        }

        var locations = timeline.SelectMany(e => e.Event.LocationIds).Distinct(StringComparer.Ordinal).Count();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"simulate-grid: {options.Outages} outages, {timeline.Count} events, {locations} locations over {options.Duration.TotalSeconds:F0} s to {stream} on {redis} (seed {options.Seed}, run {options.RunId})"));
        var sent = await PublishAsync(new RedisEventStream(connection), stream, timeline, output, cancellationToken);
        await output.WriteLineAsync($"simulate-grid: published {sent} of {timeline.Count} events");
        return sent == timeline.Count ? 0 : 1;
    }

    /// <summary>Adds each event to <paramref name="stream"/> when its offset comes; returns how many were added before cancellation.</summary>
    public static async Task<int> PublishAsync(IEventStream eventStream, string stream, IReadOnlyList<ScheduledGridEvent> timeline, TextWriter? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventStream);
        ArgumentNullException.ThrowIfNull(timeline);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var sent = 0;
        foreach (var scheduled in timeline)
        {
            var wait = scheduled.Offset - clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await eventStream.AddAsync(stream, GridEventFormat.ToFields(scheduled.Event), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            sent++;
            if (output is not null && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"simulate-grid: {clock.Elapsed.TotalSeconds,5:F0} s  {sent}/{timeline.Count} events"));
            }
        }

        return sent;
    }

    public static bool TryParse(string[] args, out GridSimulationOptions options, out string redis, out string stream, out string problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        var storm = args.Contains("--storm", StringComparer.Ordinal);
        options = new GridSimulationOptions { Storm = storm, Outages = storm ? 300 : 5, Duration = TimeSpan.FromSeconds(storm ? 180 : 60) };
        redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";
        stream = new GridEventOptions().Stream;
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--storm")
            {
                continue;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--outages" when Number(value, 1, 5_000) is { } outages:
                    options = options with { Outages = outages };
                    break;
                case "--duration" when Number(value, 1, 3_600) is { } seconds:
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--locations" when Number(value, 10, 10_000_000) is { } locations:
                    options = options with { Locations = locations };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--redis":
                    redis = value;
                    break;
                case "--stream":
                    stream = value;
                    break;
                default:
                    problem = $"simulate-grid does not take '{name} {value}' (--outages 1–5000, --duration 1–3600 seconds, --locations 10 or more).";
                    return false;
            }
        }

        // A storm is hundreds of outages over thousands of locations: without a larger grid, assume the generator's ten per outage.
        if (!args.Contains("--locations", StringComparer.Ordinal) && storm)
        {
            options = options with { Locations = Math.Max(options.Locations, options.Outages * 10) };
        }

        return true;
    }

    private static int? Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}
