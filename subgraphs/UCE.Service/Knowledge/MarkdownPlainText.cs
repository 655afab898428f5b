using System.Text;
using System.Text.RegularExpressions;

namespace UCE.Service.Knowledge;

/// <summary>
/// The text a reader sees in an article's Markdown, without its markup: what full-text search indexes and cuts
/// snippets from, so that a snippet never shows <c>**</c>, <c>#</c>, table pipes or link targets.
/// </summary>
public static partial class MarkdownPlainText
{
    /// <summary>One line per block (heading, paragraph line, list item, table row); inline markup removed.</summary>
    public static string From(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new StringBuilder(markdown.Length);
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || TableSeparator().IsMatch(line) || HorizontalRule().IsMatch(line))
            {
                continue;
            }

            line = BlockPrefix().Replace(line, "");
            if (line.StartsWith('|'))
            {
                line = string.Join("  ", line.Trim('|').Split('|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0));
            }

            line = Image().Replace(line, "$1");
            line = Link().Replace(line, "$1");
            line = line.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
            line = Emphasis().Replace(line, "$1");
            line = line.Trim();
            if (line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^([-*_]\s*){3,}$")]
    private static partial Regex HorizontalRule();

    // Headings, block quotes and list markers ("# ", "> ", "- ", "* ", "+ ", "12. ").
    [GeneratedRegex(@"^(#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)+")]
    private static partial Regex BlockPrefix();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    // *word* and _word_ at word boundaries; underscores inside names (REGULATORY_COMPLAINT) stay.
    [GeneratedRegex(@"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")]
    private static partial Regex Emphasis();
}
