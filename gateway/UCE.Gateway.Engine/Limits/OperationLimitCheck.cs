using System.Globalization;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Engine.Limits;

/// <summary>Compares a measured operation with the limits that apply to its caller.</summary>
public static class OperationLimitCheck
{
    /// <summary>The first limit the operation exceeds, as an error message and code; <c>null</c> when it is within all of them.</summary>
    public static (string Message, string Code)? FirstExceeded(OperationMeasure measure, int tokens, OperationLimits limits)
    {
        if (limits.MaxTokens is { } maxTokens && tokens > maxTokens)
        {
            return (Describe("tokens", tokens, maxTokens), ErrorCodes.MaxTokensLimit);
        }

        if (limits.MaxDepth is { } maxDepth && measure.Depth > maxDepth)
        {
            return (Describe("depth", measure.Depth, maxDepth), ErrorCodes.MaxDepthLimit);
        }

        if (limits.MaxRootFields is { } maxRootFields && measure.RootFields > maxRootFields)
        {
            return (Describe("root fields", measure.RootFields, maxRootFields), ErrorCodes.MaxRootFieldsLimit);
        }

        if (limits.MaxAliases is { } maxAliases && measure.Aliases > maxAliases)
        {
            return (Describe("aliases", measure.Aliases, maxAliases), ErrorCodes.MaxAliasesLimit);
        }

        if (limits.MaxDirectives is { } maxDirectives && measure.Directives > maxDirectives)
        {
            return (Describe("directives", measure.Directives, maxDirectives), ErrorCodes.MaxDirectivesLimit);
        }

        if (limits.MaxCost is { } maxCost && measure.Cost > maxCost)
        {
            return (Describe("estimated cost", measure.Cost, maxCost), ErrorCodes.CostEstimatedTooExpensive);
        }

        return null;
    }

    private static string Describe(string what, long actual, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"The operation's {what} ({Shown(actual)}) exceeds the limit of {limit}.");

    // Saturated counts are astronomically large; say so rather than print the ceiling.
    private static string Shown(long value) => value >= long.MaxValue / 4 ? "too many to count" : value.ToString(CultureInfo.InvariantCulture);
}
