namespace UCE.Gateway.Composition.Printing;

/// <summary>
/// Orders type and directive names the way Apollo's printer does (JavaScript <c>localeCompare</c>):
/// letters compare case-insensitively, '_' sorts before digits and letters, lower case wins ties.
/// Implemented by hand because the invariant-globalization runtime only offers ordinal comparison.
/// </summary>
internal sealed class NameOrder : IComparer<string>
{
    public static readonly NameOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var primary = Weight(x[i]).CompareTo(Weight(y[i]));
            if (primary != 0)
            {
                return primary;
            }
        }

        if (x.Length != y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return char.IsLower(x[i]) ? -1 : 1;
            }
        }

        return 0;
    }

    private static int Weight(char c) => c switch
    {
        '_' => 1,
        >= '0' and <= '9' => 10 + (c - '0'),
        >= 'a' and <= 'z' => 100 + (c - 'a'),
        >= 'A' and <= 'Z' => 100 + (c - 'A'),
        _ => 1000 + c,
    };
}
