using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>
/// Apollo Gateway (npm <c>@apollo/gateway</c> in <c>tests/tools/apollo</c>) run by Node over a supergraph and HTTP
/// subgraphs, answering the same operations as the UCE gateway. Unavailable when Node or the packages are missing.
/// </summary>
public sealed class ApolloGatewayOracle : IDisposable
{
    private readonly Process _process;

    private ApolloGatewayOracle(Process process) => _process = process;

    /// <summary>Why the oracle cannot run here, or <c>null</c> when it can.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Path.Combine(ToolsDirectory, "node_modules", "@apollo", "gateway", "package.json")))
        {
            return "tests/tools/apollo/node_modules is not installed (npm ci there).";
        }

        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            node!.WaitForExit(10_000);
            return node.ExitCode == 0 ? null : "node does not run.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed.";
        }
    }

    internal static string TestsDirectory => Path.GetFullPath(Path.Combine(SupergraphFixtures.Directory, "..", ".."));

    internal static string ToolsDirectory => Path.Combine(TestsDirectory, "tools", "apollo");

    public static async Task<ApolloGatewayOracle> StartAsync(string fixture, IReadOnlyDictionary<string, Uri> subgraphUrls)
    {
        if (Unavailable() is { } reason)
        {
            throw new InvalidOperationException(
                $"The Apollo Gateway oracle is required (CI=true runs the differential tests instead of skipping them) but cannot run: {reason}");
        }

        var script = Path.Combine(TestsDirectory, "UCE.Gateway.Engine.Tests", "TestSubgraphs", "apollo-gateway-oracle.mjs");
        var supergraph = Path.Combine(SupergraphFixtures.Directory, fixture, "supergraph.graphql");
        var urls = JsonSerializer.Serialize(subgraphUrls.ToDictionary(p => p.Key, p => p.Value.ToString()));
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(ToolsDirectory);
        start.ArgumentList.Add(supergraph);
        start.ArgumentList.Add(urls);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (ready is null || !ready.Contains("ready", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Apollo Gateway did not start: {ready}");
        }

        return new ApolloGatewayOracle(process);
    }

    public async Task<JsonObject> RunAsync(string query, string? variablesJson = null, string? operationName = null)
    {
        var request = new JsonObject
        {
            ["query"] = query,
            ["variables"] = variablesJson is null ? null : JsonNode.Parse(variablesJson),
            ["operationName"] = operationName,
        };
        await _process.StandardInput.WriteLineAsync(request.ToJsonString());
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return JsonNode.Parse(line!)!.AsObject();
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
