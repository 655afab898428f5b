using System.Text;
using System.Text.RegularExpressions;

namespace UCE.Communications.Data;

/// <summary>
/// Fills <c>{{name}}</c> placeholders. Every placeholder must have a value: a message that silently greets
/// "Dear ," or promises restoration "by " is worse than no message, so missing values are an error.
/// </summary>
public static partial class TemplateRenderer
{
    /// <summary>The placeholder names <paramref name="template"/> uses, in order of first use.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Renders <paramref name="template"/>; throws <see cref="MissingPlaceholderValuesException"/> naming every placeholder without a value.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var missing = Placeholders(template).Where(name => !values.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new MissingPlaceholderValuesException(missing);
        }

        var rendered = new StringBuilder(template.Length);
        var last = 0;
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            rendered.Append(template, last, match.Index - last).Append(values[match.Groups["name"].Value]);
            last = match.Index + match.Length;
        }

        return rendered.Append(template, last, template.Length - last).ToString();
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

/// <summary>A template was rendered without values for some of its placeholders.</summary>
public sealed class MissingPlaceholderValuesException(IReadOnlyList<string> missing)
    : Exception($"No value for placeholder(s): {string.Join(", ", missing)}.")
{
    public IReadOnlyList<string> Missing { get; } = missing;
}
