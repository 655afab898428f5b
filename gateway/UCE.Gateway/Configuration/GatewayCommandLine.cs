using System.Globalization;

namespace UCE.Gateway.Configuration;

/// <summary>
/// The gateway's command line: <c>--supergraph FILE</c>, <c>--port N</c>, <c>--customers N</c>,
/// or <c>compose …</c>. Arguments it does not know are left to ASP.NET Core configuration
/// (e.g. <c>--Gateway:MaxBatchSize=50</c>).
/// </summary>
public sealed record GatewayCommandLine
{
    public const string Usage = """
        Usage:
          UCE.Gateway                               the six UCE subgraphs (4001-4006) and the gateway (4000) in one process
          UCE.Gateway --supergraph FILE [--port N]  serve FILE's supergraph on 127.0.0.1:N (default 4000; 0 picks a free port)
          UCE.Gateway --customers N                 the embedded default with N generated customers instead of the demo set
          UCE.Gateway compose ARGS...               compose subgraph schemas into a supergraph
        Any other setting: --Gateway:<Option>=<value> (see docs/gateway.md).
        """;

    /// <summary>True for <c>compose …</c>.</summary>
    public bool IsCompose { get; init; }

    /// <summary>The arguments after <c>compose</c>.</summary>
    public IReadOnlyList<string> ComposeArguments { get; init; } = [];

    public string? SupergraphPath { get; init; }

    public int? Port { get; init; }

    /// <summary>The number of customers the embedded subgraphs generate (instead of the demo set).</summary>
    public int? Customers { get; init; }

    /// <summary>True for <c>--help</c>.</summary>
    public bool ShowUsage { get; init; }

    /// <summary>Arguments left for ASP.NET Core's command-line configuration provider.</summary>
    public IReadOnlyList<string> HostArguments { get; init; } = [];

    /// <summary>Reads <paramref name="args"/>, or explains on <paramref name="error"/> what is wrong with them and returns <c>null</c>.</summary>
    public static GatewayCommandLine? ParseOrExplain(IReadOnlyList<string> args, TextWriter error)
    {
        try
        {
            return Parse(args);
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            error.WriteLine(Usage);
            return null;
        }
    }

    /// <summary>Reads <paramref name="args"/>; throws <see cref="FormatException"/> with a message for the user when they are wrong.</summary>
    public static GatewayCommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "compose")
        {
            return new GatewayCommandLine { IsCompose = true, ComposeArguments = args.Skip(1).ToArray() };
        }

        string? supergraph = null;
        int? port = null;
        int? customers = null;
        var showUsage = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--supergraph":
                    supergraph = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--port":
                    port = ParseNumber(inlineValue ?? ValueAfter(args, ref i, name), name, min: 0, max: 65535);
                    break;
                case "--customers":
                    customers = ParseNumber(inlineValue ?? ValueAfter(args, ref i, name), name, min: 1, max: 10_000_000);
                    break;
                case "--help" or "-h":
                    showUsage = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new GatewayCommandLine
        {
            SupergraphPath = supergraph,
            Port = port,
            Customers = customers,
            ShowUsage = showUsage,
            HostArguments = rest,
        };
    }

    /// <summary>The settings this command line fixes, as configuration keys (they win over every other source).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        if (SupergraphPath is not null)
        {
            yield return new($"{GatewayHostOptions.SectionName}:{nameof(GatewayHostOptions.SupergraphPath)}", Path.GetFullPath(SupergraphPath));
        }

        if (Port is { } port)
        {
            yield return new($"{GatewayHostOptions.SectionName}:{nameof(GatewayHostOptions.Port)}", port.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static (string Name, string? Value) Split(string argument)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal))
        {
            return (argument, null);
        }

        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
    }

    private static string ValueAfter(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException($"{name} needs a value.");
        }

        return args[++i];
    }

    private static int ParseNumber(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} expects a whole number from {min} to {max}, not '{value}'.");
}
