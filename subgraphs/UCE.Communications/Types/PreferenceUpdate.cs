using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Communications.Types;

/// <summary>A validated <c>updateCommunicationPreferences</c> request: nothing reaches the database unless all of it is valid.</summary>
public sealed record PreferenceUpdate(string CustomerId, IReadOnlyList<PreferenceChoice> Choices, bool ChangesQuietHours, QuietHours? QuietHours)
{
    /// <summary>The new choice about outage alerts during quiet hours; null keeps the current one.</summary>
    public bool? OutageAlertsInQuietHours { get; init; }

    /// <summary>Validates the raw input: supported channel and topic pairs, no pair twice, quiet hours as two different <c>HH:mm</c> times.</summary>
    public static PreferenceUpdate Read(IDictionary<string, object?> input)
    {
        var customerId = (input.TryGetValue("customerId", out var id) ? id as string : null)?.Trim() ?? "";
        if (customerId.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "customerId must not be empty.");
        }

        var choices = input.TryGetValue("preferences", out var list) && list is IEnumerable<object?> items
            ? items.OfType<PreferenceChoice>().ToList()
            : [];
        var seen = new HashSet<(Channel, Topic)>();
        foreach (var choice in choices)
        {
            if (!ChannelTopics.IsSupported(choice.Channel, choice.Topic))
            {
                throw new DomainError(
                    CommunicationErrorCodes.ChannelTopicNotSupported,
                    $"{choice.Channel.ToString().ToUpperInvariant()} does not carry {choice.Topic.ToString().ToUpperInvariant()} messages.");
            }

            if (!seen.Add((choice.Channel, choice.Topic)))
            {
                throw new DomainError(
                    ErrorCodes.BadUserInput,
                    $"{choice.Channel.ToString().ToUpperInvariant()} × {choice.Topic.ToString().ToUpperInvariant()} is listed more than once.");
            }
        }

        var changesQuietHours = input.TryGetValue("quietHours", out var quiet);
        QuietHours? quietHours = null;
        if (quiet is QuietHoursInput window)
        {
            if (!QuietHours.TryParseTime(window.Start, out var start))
            {
                throw new DomainError(CommunicationErrorCodes.QuietHoursInvalid, $"quietHours.start '{window.Start}' is not a time as HH:mm.");
            }

            if (!QuietHours.TryParseTime(window.End, out var end))
            {
                throw new DomainError(CommunicationErrorCodes.QuietHoursInvalid, $"quietHours.end '{window.End}' is not a time as HH:mm.");
            }

            if (start == end)
            {
                throw new DomainError(CommunicationErrorCodes.QuietHoursInvalid, "quietHours.start and quietHours.end must differ.");
            }

            quietHours = new QuietHours(start, end);
        }

        var outageAlerts = input.TryGetValue("outageAlertsInQuietHours", out var alerts) ? alerts as bool? : null;
        if (choices.Count == 0 && !changesQuietHours && outageAlerts is null)
        {
            throw new DomainError(ErrorCodes.BadUserInput, "Nothing to update: give preferences, quietHours or outageAlertsInQuietHours.");
        }

        return new PreferenceUpdate(customerId, choices, changesQuietHours, quietHours) { OutageAlertsInQuietHours = outageAlerts };
    }
}
