using System.Globalization;
using System.Text;

namespace UCE.Billing.Types;

/// <summary>The opaque cursor of a bill in an account's newest-first list: its period start.</summary>
public static class BillCursor
{
    private const string Prefix = "bill:";

    public static string Encode(DateOnly periodStart) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>The period start the cursor stands for, or null when the text is not a bill cursor.</summary>
    public static DateOnly? Decode(string cursor)
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

        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(text[Prefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var periodStart)
            ? periodStart
            : null;
    }
}
