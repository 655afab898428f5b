namespace UCE.Communications.Delivery;

/// <summary>
/// A recipient's daily quiet window [<see cref="Start"/>, <see cref="End"/>) in local time of <see cref="Zone"/>; it may span
/// midnight (22:00–07:00). <see cref="HeldUntil"/> says until when a message due now waits.
/// </summary>
public sealed record QuietHoursWindow(TimeOnly Start, TimeOnly End, TimeZoneInfo Zone)
{
    /// <summary>The instant (UTC) the window that holds <paramref name="utcNow"/> ends; null when <paramref name="utcNow"/> is outside it.</summary>
    public DateTime? HeldUntil(DateTime utcNow)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), Zone);
        var time = TimeOnly.FromDateTime(local);
        var inside = Start < End ? time >= Start && time < End : time >= Start || time < End;
        if (!inside)
        {
            return null;
        }

        var endDay = time < End ? local.Date : local.Date.AddDays(1);
        var end = DateTime.SpecifyKind(endDay.Add(End.ToTimeSpan()), DateTimeKind.Unspecified);

        // A window that ends in the hour a clock change skips ends when the clock has jumped.
        while (Zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(end, Zone);
    }
}
