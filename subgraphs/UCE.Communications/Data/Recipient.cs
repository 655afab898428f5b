namespace UCE.Communications.Data;

/// <summary>A customer as communications reaches them: the addresses per channel, the greeting name and quiet hours.</summary>
public sealed class Recipient
{
    public required string CustomerId { get; init; }

    /// <summary>The name templates greet the customer with (<c>{{firstName}}</c>).</summary>
    public required string FirstName { get; set; }

    public required string Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>Local start of the window in which SMS and push messages wait; null when the customer set none.</summary>
    public TimeOnly? QuietHoursStart { get; private set; }

    public TimeOnly? QuietHoursEnd { get; private set; }

    /// <summary>
    /// Whether alerts about an outage affecting the customer now go out during quiet hours too (the default); false holds
    /// them until the quiet hours end like every other SMS and push message.
    /// </summary>
    public bool OutageAlertsInQuietHours { get; set; } = true;

    public List<CommunicationPreference> Preferences { get; } = [];

    /// <summary>Sets both ends of the quiet window, or clears it with nulls; a window has two different ends.</summary>
    public void SetQuietHours(TimeOnly? start, TimeOnly? end)
    {
        if (start.HasValue != end.HasValue || (start.HasValue && start == end))
        {
            throw new ArgumentException("Quiet hours need two different times, or none.");
        }

        QuietHoursStart = start;
        QuietHoursEnd = end;
    }
}
