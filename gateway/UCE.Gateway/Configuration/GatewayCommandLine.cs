using System.Globalization;
using UCE.Gateway.Authentication;

namespace UCE.Gateway.Configuration;

/// <summary>
/// The gateway's command line: <c>--supergraph FILE</c>, <c>--port N</c>, <c>--customers N</c>,
/// <c>compose …</c>, <c>persisted …</c> or <c>token …</c>. Arguments it does not know are left to ASP.NET Core configuration
/// (e.g. <c>--Gateway:MaxBatchSize=50</c>).
/// </summary>
public sealed record GatewayCommandLine
{
    public const string Usage = """
        Usage:
          UCE.Gateway                               the seven UCE subgraphs (4001-4007) and the gateway (4000) in one process
          UCE.Gateway --supergraph FILE [--port N]  serve FILE's supergraph on 127.0.0.1:N (default 4000; 0 picks a free port)
          UCE.Gateway --customers N                 the embedded default with N generated customers instead of the demo set
          UCE.Gateway compose ARGS...               compose subgraph schemas into a supergraph
          UCE.Gateway persisted push FILE --client NAME [--supergraph FILE] [--role ROLE]
                                                    check a manifest of trusted documents and store it for a client
          UCE.Gateway token --role ROLE [--customer ID] [--scopes "a b"] [--client NAME] [--subject SUB] [--expires 1h]
                                                    print a development bearer token (roles: customer, agent, partner,
                                                    service, supervisor; a customer needs --customer). Only the embedded
                                                    default trusts it; its key is made on first use in the user's data folder
        Any other setting: --Gateway:<Option>=<value> (see docs/gateway.md).
        """;

    /// <summary>True for <c>compose …</c>.</summary>
    public bool IsCompose { get; init; }

    /// <summary>The development token <c>token …</c> asks for; <c>null</c> for any other command.</summary>
    public DevelopmentTokenRequest? Token { get; init; }

    /// <summary>The arguments after <c>compose</c>.</summary>
    public IReadOnlyList<string> ComposeArguments { get; init; } = [];

    /// <summary>True for <c>persisted …</c>.</summary>
    public bool IsPersisted { get; init; }

    /// <summary>The arguments after <c>persisted</c>.</summary>
    public IReadOnlyList<string> PersistedArguments { get; init; } = [];

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

        if (args.Count > 0 && args[0] == "persisted")
        {
            return new GatewayCommandLine { IsPersisted = true, PersistedArguments = args.Skip(1).ToArray() };
        }

        if (args.Count > 0 && args[0] == "token")
        {
            return ParseToken(args);
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

    private static GatewayCommandLine ParseToken(IReadOnlyList<string> args)
    {
        string? role = null;
        string? customer = null;
        string? scopes = null;
        string? client = null;
        string? subject = null;
        var expires = TimeSpan.FromHours(1);
        var rest = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--role":
                    role = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--customer":
                    customer = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--scopes":
                    scopes = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--client":
                    client = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--subject":
                    subject = inlineValue ?? ValueAfter(args, ref i, name);
                    break;
                case "--expires":
                    expires = ParseDuration(inlineValue ?? ValueAfter(args, ref i, name), name);
                    break;
                default:
                    if (!args[i].StartsWith("--Gateway:", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new FormatException($"token does not know '{args[i]}'.");
                    }

                    rest.Add(args[i]);
                    break;
            }
        }

        return new GatewayCommandLine
        {
            Token = DevelopmentTokenRequest.Create(role, customer, scopes, client, subject, expires),
            HostArguments = rest,
        };
    }

    /// <summary><c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, from one second to 30 days.</summary>
    private static TimeSpan ParseDuration(string value, string name)
    {
        var unit = value.Length > 1 ? value[^1] : ' ';
        var duration = int.TryParse(value.AsSpan(0, Math.Max(0, value.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? unit switch
            {
                's' => TimeSpan.FromSeconds(number),
                'm' => TimeSpan.FromMinutes(number),
                'h' => TimeSpan.FromHours(number),
                'd' => TimeSpan.FromDays(number),
                _ => TimeSpan.Zero,
            }
            : TimeSpan.Zero;
        return duration >= TimeSpan.FromSeconds(1) && duration <= TimeSpan.FromDays(30)
            ? duration
            : throw new FormatException($"{name} expects a duration such as 90s, 30m, 12h or 7d (at most 30d), not '{value}'.");
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
