using UCE.Gateway.Ide;

namespace UCE.Gateway.Tests.Ide;

/// <summary>
/// Whether the build put Banana Cake Pop beside the gateway (it needs npm). Without it the tests that need it are skipped,
/// except under CI (<c>CI=true</c>), where they run and fail.
/// </summary>
public static class GraphQLIdeBuild
{
    public static string AssetsFolder => Path.Combine(AppContext.BaseDirectory, GraphQLIdeAssets.DefaultFolder);

    public static bool IsBuilt => File.Exists(Path.Combine(AssetsFolder, "index.html"));

    public static bool IsContinuousIntegration => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a test of Banana Cake Pop is skipped here, or <c>null</c>.</summary>
    public static string? SkipReason => IsBuilt || IsContinuousIntegration
        ? null
        : "Banana Cake Pop is not in the build output (the gateway was built without npm).";
}

/// <summary>A fact about Banana Cake Pop: skipped where the build had no npm, except under CI.</summary>
public sealed class GraphQLIdeFactAttribute : FactAttribute
{
    public GraphQLIdeFactAttribute() => Skip = GraphQLIdeBuild.SkipReason;
}
