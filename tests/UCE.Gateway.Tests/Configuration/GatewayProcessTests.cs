using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using UCE.Gateway.Tests.EndToEnd;

using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Configuration;

/// <summary>The built gateway as a process: <c>dotnet UCE.Gateway.dll --supergraph FILE --port N</c>.</summary>
public sealed partial class GatewayProcessTests
{
    // How long the test waits for the process (to listen, to become healthy, to exit): generous, never what is tested.
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Built_gateway_with_supergraph_and_port_becomes_healthy_and_answers()
    {
        var supergraph = UceSubgraphsFixture.RepositoryFile("schema/supergraph.graphql");
        var started = Stopwatch.StartNew();
        await using var gateway = await GatewayProcess.StartAsync("--supergraph", supergraph, "--port", "0");
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = WaitBound };

        HttpStatusCode status;
        do
        {
            status = await StatusOrZeroAsync(http, "/health");
        }
        while (status != HttpStatusCode.OK && started.Elapsed < WaitBound && await Delay());

        // How fast it starts is a benchmark figure (bench/README.md), not a test a busy machine can fail.
        Assert.True(status == HttpStatusCode.OK, $"not healthy after {started.Elapsed}");
        using var typename = await http.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"));
        Assert.Equal("""{"data":{"__typename":"Query"}}""", await typename.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_option_exits_with_code_2_and_usage()
    {
        var (exitCode, _, error) = await GatewayProcess.RunToEndAsync("--port", "not-a-number");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_check_is_routed_to_the_composition_command()
    {
        var (exitCode, output, error) = await GatewayProcess.RunToEndAsync("compose", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--check", output + error, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusOrZeroAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }

    /// <summary>The gateway dll from the test's output folder, run with <c>dotnet</c>.</summary>
    private sealed partial class GatewayProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private GatewayProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<GatewayProcess> StartAsync(params string[] args)
        {
            var process = Start(args);
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not null && ListeningLine().Match(line.Data) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                return new GatewayProcess(process, await listening.Task.WaitAsync(WaitBound));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] args)
        {
            using var process = Start(args);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(WaitBound);
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output, await error);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static Process Start(string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UCE.Gateway.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Plain console lines, so that the listening address can be read.
            start.Environment["Logging__Console__FormatterName"] = "simple";
            start.Environment["Identity__SigningKeys"] = TestSigning.Configuration;
            return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningLine();
    }
}
