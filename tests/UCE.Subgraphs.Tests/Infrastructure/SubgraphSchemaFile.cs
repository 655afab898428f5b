using UCE.Subgraphs.Hosting;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// Compares <c>schema/subgraphs/&lt;name&gt;.graphql</c> with the SDL the code now produces. The file is rewritten only
/// when <c>UCE_UPDATE_SCHEMA=1</c> is set, and the test still fails on that run so the change is seen and committed.
/// </summary>
public static class SubgraphSchemaFile
{
    public static async Task AssertMatchesAsync(SubgraphModule module)
    {
        var path = RepositoryFiles.PathOf($"schema/subgraphs/{module.Name}.graphql");
        var produced = Normalize(await SubgraphHost.ReadSdlAsync(module));
        var committed = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : null;
        if (committed == produced)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("UCE_UPDATE_SCHEMA") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, produced);
            throw new Xunit.Sdk.XunitException($"{path} was rewritten (UCE_UPDATE_SCHEMA=1); review and commit it, then run again without the variable.");
        }

        throw new Xunit.Sdk.XunitException(
            committed is null
                ? $"{path} does not exist; run the test with UCE_UPDATE_SCHEMA=1 to write it."
                : $"{path} differs from the SDL the code produces (first difference at line {FirstDifference(committed, produced)}); run with UCE_UPDATE_SCHEMA=1 to rewrite it and review the diff.");
    }

    private static string Normalize(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
            {
                return i + 1;
            }
        }

        return Math.Min(left.Length, right.Length) + 1;
    }
}
