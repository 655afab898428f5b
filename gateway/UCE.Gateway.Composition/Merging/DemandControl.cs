using System.Globalization;
using System.Text.RegularExpressions;

namespace UCE.Gateway.Composition.Merging;

/// <summary>
/// Merges the demand-control directives of one element applied differently in several subgraphs, as Apollo's cost
/// spec does: <c>@cost</c> takes the largest weight; <c>@listSize</c> the largest assumed size, the union of slicing
/// arguments and sized fields, and <c>requireOneSlicingArgument</c> only when every subgraph that sets it requires it.
/// </summary>
internal static partial class DemandControl
{
    public static string Merge(List<string> applications)
    {
        if (applications[0].StartsWith("@cost(", StringComparison.Ordinal))
        {
            var weight = applications.Max(a => int.Parse(Weight().Match(a).Groups[1].Value, CultureInfo.InvariantCulture));
            return $"@cost(weight: {weight.ToString(CultureInfo.InvariantCulture)})";
        }

        var sizes = applications.Select(a => AssumedSize().Match(a)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var requires = applications.Select(a => RequireOne().Match(a)).Where(m => m.Success).Select(m => m.Groups[1].Value == "true").ToList();
        var arguments = new List<string>();
        if (sizes.Count > 0)
        {
            arguments.Add("assumedSize: " + sizes.Max().ToString(CultureInfo.InvariantCulture));
        }

        foreach (var name in new[] { "slicingArguments", "sizedFields" })
        {
            var lists = applications.Select(a => Regex.Match(a, name + @": \[([^\]]*)\]")).Where(m => m.Success).ToList();
            if (lists.Count > 0)
            {
                var values = new List<string>();
                foreach (var value in lists.SelectMany(m => m.Groups[1].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)))
                {
                    if (!values.Contains(value))
                    {
                        values.Add(value);
                    }
                }

                arguments.Add($"{name}: [{string.Join(", ", values)}]");
            }
        }

        if (requires.Count > 0)
        {
            arguments.Add("requireOneSlicingArgument: " + (requires.TrueForAll(r => r) ? "true" : "false"));
        }

        return $"@listSize({string.Join(", ", arguments)})";
    }

    [GeneratedRegex(@"weight: (-?\d+)")]
    private static partial Regex Weight();

    [GeneratedRegex(@"assumedSize: (-?\d+)")]
    private static partial Regex AssumedSize();

    [GeneratedRegex(@"requireOneSlicingArgument: (true|false)")]
    private static partial Regex RequireOne();
}
