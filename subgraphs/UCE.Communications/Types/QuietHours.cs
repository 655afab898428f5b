using System.Globalization;

namespace UCE.Communications.Types;

/// <summary>The daily window in which SMS and push messages wait, in the customer's local time.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public const string Format = "HH:mm";

    /// <summary>Parses <c>HH:mm</c> (24-hour clock); anything else is not a time.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Print(TimeOnly time) => time.ToString(Format, CultureInfo.InvariantCulture);
}
