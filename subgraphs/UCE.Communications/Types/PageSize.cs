using GraphQL;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Communications.Types;

/// <summary>The bounds of every <c>first</c> argument of this subgraph.</summary>
internal static class PageSize
{
    public const int Default = 20;

    public const int Max = 100;

    /// <summary>Reads <paramref name="argument"/>, refusing values outside 1…<see cref="Max"/>.</summary>
    public static int Read(IResolveFieldContext context, string argument)
    {
        var value = context.GetArgument(argument, Default);
        if (value is < 1 or > Max)
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"Argument '{argument}' must be between 1 and {Max}; got {value}.");
        }

        return value;
    }
}
