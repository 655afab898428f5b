using System.Text;

namespace UCE.Service.Knowledge.Search;

/// <summary>
/// Highlighted text as the graph returns it: the article's text HTML-escaped, matched words in <c>&lt;mark&gt;…&lt;/mark&gt;</c>,
/// runs of white space as one space. The engines mark matches with two private-use characters that authored text never
/// holds (<see cref="WithoutMarkers"/>), so the escaping cannot touch the marks and a <c>&lt;mark&gt;</c> in an article
/// arrives as text.
/// </summary>
public static class KnowledgeHighlight
{
    /// <summary>Put before a match by <c>ts_headline</c> and FTS5's <c>snippet</c>/<c>highlight</c>.</summary>
    public const char Start = '\uE000';

    /// <summary>Put after a match.</summary>
    public const char Stop = '\uE001';

    public const string StartTag = "<mark>";

    public const string StopTag = "</mark>";

    /// <summary>Escapes <paramref name="marked"/> for HTML and turns the markers into <c>mark</c> elements.</summary>
    public static string ToHtml(string? marked)
    {
        var html = new StringBuilder((marked?.Length ?? 0) + 32);
        var space = false;
        var open = false;
        foreach (var c in (marked ?? "").Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                html.Append(' ');
                space = false;
            }

            switch (c)
            {
                case Start when !open:
                    html.Append(StartTag);
                    open = true;
                    break;
                case Stop when open:
                    html.Append(StopTag);
                    open = false;
                    break;
                case Start or Stop:
                    break;
                case '&':
                    html.Append("&amp;");
                    break;
                case '<':
                    html.Append("&lt;");
                    break;
                case '>':
                    html.Append("&gt;");
                    break;
                case '"':
                    html.Append("&quot;");
                    break;
                case '\'':
                    html.Append("&#39;");
                    break;
                default:
                    html.Append(c);
                    break;
            }
        }

        if (open)
        {
            html.Append(StopTag);
        }

        return html.ToString();
    }

    /// <summary>Authored text without the two marker characters (applied to every title and body written).</summary>
    public static string WithoutMarkers(string text) =>
        text.Contains(Start, StringComparison.Ordinal) || text.Contains(Stop, StringComparison.Ordinal)
            ? text.Replace(Start.ToString(), "", StringComparison.Ordinal).Replace(Stop.ToString(), "", StringComparison.Ordinal)
            : text;
}
