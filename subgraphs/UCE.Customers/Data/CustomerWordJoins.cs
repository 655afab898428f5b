using System.Text;

namespace UCE.Customers.Data;

/// <summary>
/// Where the words of a text meet: the seven characters around each of its spaces (three before, the space, three after),
/// lower-cased. PostgreSQL indexes those of every customer's name (migration <c>CustomerNameWordJoins</c>); a name that
/// contains a text contains every word join of the text, so the index narrows a name search to a few candidates that
/// the text is then checked against, without ever leaving out a customer the text matches.
/// </summary>
public static class CustomerWordJoins
{
    /// <summary>The characters on each side of the space in a word join.</summary>
    public const int Side = 3;

    /// <summary>
    /// Whether <paramref name="text"/> has a word join: a space with at least <see cref="Side"/> characters on each side
    /// (characters as PostgreSQL counts them: code points). Without one the index cannot narrow the search.
    /// </summary>
    public static bool HasAny(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.EnumerateRunes().ToList();
        for (var i = Side; i + Side < runes.Count; i++)
        {
            if (runes[i] == new Rune(' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PostgreSQL's <c>customer_name_may_contain(name, text)</c>: true for every name that contains <paramref name="text"/>
    /// ignoring letter case, and for some others (it has every word join of the text). Served by the index
    /// <c>IX_customers_Name_word_joins</c>; only a filter in front of the real check, and only in queries.
    /// </summary>
    public static bool NameMayContain(string name, string text) =>
        throw new NotSupportedException($"{nameof(NameMayContain)} is translated to SQL by PostgreSQL queries only.");
}
