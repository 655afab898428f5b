using GraphQL;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.Paging;

/// <summary>The bounds of a <c>first</c> argument: 1 to <see cref="Max"/>, <see cref="Default"/> when omitted.</summary>
public static class PageSize
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
