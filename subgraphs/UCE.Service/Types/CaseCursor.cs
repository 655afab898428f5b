using System.Globalization;
using System.Text;

namespace UCE.Service.Types;

/// <summary>The opaque cursor of a case in a work list ordered by SLA due time: its due time and id.</summary>
public static class CaseCursor
{
    private const string Prefix = "case:";

    public static string Encode(DateTime slaDueAt, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Prefix}{slaDueAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{id}"));

    /// <summary>The due time and id the cursor stands for, or null when the text is not a case cursor.</summary>
    public static (DateTime SlaDueAt, string Id)? Decode(string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var separator = text.IndexOf(':', Prefix.Length);
        return separator > 0
            && long.TryParse(text.AsSpan(Prefix.Length, separator - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            && separator < text.Length - 1
            ? (new DateTime(ticks, DateTimeKind.Utc), text[(separator + 1)..])
            : null;
    }
}
