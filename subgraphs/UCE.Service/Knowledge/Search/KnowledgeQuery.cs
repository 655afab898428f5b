using System.Text;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service.Knowledge.Search;

/// <summary>
/// A search as both engines run it, parsed from what a reader typed. Words are runs of letters and digits, lower-cased;
/// <c>"quoted words"</c> are a phrase; <c>-word</c> excludes; every other character (operators, brackets, colons,
/// asterisks) only separates words. Stop words are dropped. The result is written as a PostgreSQL <c>tsquery</c> and an
/// FTS5 match expression built only from those words, so no text a reader types is ever read as query syntax.
/// </summary>
public sealed class KnowledgeQuery
{
    private KnowledgeQuery(IReadOnlyList<string> words, IReadOnlyList<IReadOnlyList<string>> phrases, IReadOnlyList<string> excluded, bool anyWord)
    {
        Words = words;
        Phrases = phrases;
        Excluded = excluded;
        AnyWord = anyWord;
        TitleWords = [.. words.Concat(phrases.SelectMany(p => p)).Where(w => !EnglishStopWords.Contains(w)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Words to look for, without stop words, each once.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Phrases: consecutive words (stop words kept, they hold the places), each with at least one other word.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Phrases { get; }

    /// <summary>Words a hit must not contain.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>True when any word matches (suggestions); false when every word and phrase must (a reader's search).</summary>
    public bool AnyWord { get; }

    /// <summary>The distinct words of <see cref="Words"/> and the phrases, the ones a title is checked for.</summary>
    public IReadOnlyList<string> TitleWords { get; }

    /// <summary>
    /// A reader's search: every word and phrase must match. Refuses an empty search (<c>KNOWLEDGE_QUERY_EMPTY</c>: nothing
    /// but stop words, punctuation or exclusions) and a long one (<c>KNOWLEDGE_QUERY_TOO_LONG</c>).
    /// </summary>
    public static KnowledgeQuery Parse(string? text)
    {
        text ??= "";
        if (text.Length > KnowledgeLimits.QueryLength)
        {
            throw new DomainError(KnowledgeErrorCodes.QueryTooLong, $"A search is at most {KnowledgeLimits.QueryLength} characters long.");
        }

        var words = new List<string>();
        var phrases = new List<IReadOnlyList<string>>();
        var excluded = new List<string>();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                var end = text.IndexOf('"', position + 1);
                end = end < 0 ? text.Length : end;
                var phrase = Tokenize(text[(position + 1)..end]);
                if (phrase.Any(w => !EnglishStopWords.Contains(w)))
                {
                    if (phrase.Count == 1)
                    {
                        words.Add(phrase[0]);
                    }
                    else
                    {
                        phrases.Add(phrase);
                    }
                }

                position = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || (c == '-' && position + 1 < text.Length && char.IsLetterOrDigit(text[position + 1])
                && (position == 0 || char.IsWhiteSpace(text[position - 1]))))
            {
                var negated = c == '-';
                var start = negated ? position + 1 : position;
                var end = start;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
                {
                    end++;
                }

                var tokens = Tokenize(text[start..end]);
                (negated ? excluded : words).AddRange(tokens.Where(w => !EnglishStopWords.Contains(w)));
                position = end;
            }
            else
            {
                position++;
            }
        }

        var query = new KnowledgeQuery(
            [.. words.Distinct(StringComparer.Ordinal)],
            phrases,
            [.. excluded.Distinct(StringComparer.Ordinal).Where(w => !words.Contains(w, StringComparer.Ordinal))],
            anyWord: false);
        if (query.TitleWords.Count == 0)
        {
            throw new DomainError(
                KnowledgeErrorCodes.QueryEmpty,
                "The search has no words to look for. Common words such as \"the\" or \"how\", punctuation and excluded words do not count.");
        }

        if (query.Words.Count + query.Phrases.Sum(p => p.Count) > KnowledgeLimits.QueryWords)
        {
            throw new DomainError(KnowledgeErrorCodes.QueryTooLong, $"A search looks for at most {KnowledgeLimits.QueryWords} words.");
        }

        return query;
    }

    /// <summary>
    /// A search for any of the first <paramref name="maxWords"/> words of <paramref name="text"/> (a case's subject and
    /// description); null when it has no words.
    /// </summary>
    public static KnowledgeQuery? AnyWordOf(string text, int maxWords = KnowledgeLimits.QueryWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Tokenize(text).Where(w => !EnglishStopWords.Contains(w)).Distinct(StringComparer.Ordinal).Take(maxWords).ToList();
        return words.Count == 0 ? null : new KnowledgeQuery(words, [], [], anyWord: true);
    }

    /// <summary>
    /// The PostgreSQL form, for <c>to_tsquery('english', …)</c>: <c>pay &amp; bill &amp; (pay &lt;-&gt; the &lt;-&gt; bill) &amp; !outage</c>.
    /// Every word is letters and digits only, so it parses whatever the reader typed.
    /// </summary>
    public string ToPostgresTsQuery()
    {
        var items = Words.Concat(Phrases.Select(p => "(" + string.Join(" <-> ", p) + ")"));
        var text = new StringBuilder(string.Join(AnyWord ? " | " : " & ", items));
        if (AnyWord && Excluded.Count > 0)
        {
            text.Insert(0, '(').Append(')');
        }

        foreach (var word in Excluded)
        {
            text.Append(" & !").Append(word);
        }

        return text.ToString();
    }

    /// <summary>
    /// A reader's words as one phrase, in the order typed (<c>late &lt;-&gt; payment</c>), when they are several and no
    /// phrase was quoted: hits holding them side by side rank before hits holding them apart. Null otherwise.
    /// </summary>
    public string? ToPostgresAdjacentWords() => HasAdjacentWords ? string.Join(" <-> ", Words) : null;

    /// <summary>The FTS5 form of <see cref="ToPostgresAdjacentWords"/>: <c>"late payment"</c>.</summary>
    public string? ToFts5AdjacentWords() => HasAdjacentWords ? Quote(string.Join(' ', Words)) : null;

    private bool HasAdjacentWords => !AnyWord && Words.Count >= 2 && Phrases.Count == 0;

    /// <summary>The FTS5 form: <c>("pay" AND "bill" AND "pay the bill") NOT ("outage")</c>; words are quoted strings.</summary>
    public string ToFts5Match()
    {
        var items = Words.Select(Quote).Concat(Phrases.Select(p => Quote(string.Join(' ', p))));
        var positive = "(" + string.Join(AnyWord ? " OR " : " AND ", items) + ")";
        return Excluded.Count == 0 ? positive : $"{positive} NOT ({string.Join(" OR ", Excluded.Select(Quote))})";
    }

    /// <summary>The FTS5 expression for <paramref name="word"/> in the title column.</summary>
    public static string ToFts5TitleMatch(string word) => $"Title : {Quote(word)}";

    public override string ToString() => ToFts5Match();

    // Words hold letters and digits only, so a double quote never needs escaping; doubled anyway, as FTS5 escapes it.
    private static string Quote(string word) => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static List<string> Tokenize(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
