namespace UCE.Communications.Data;

/// <summary>
/// Which topics each channel carries. Text messages are reserved for time-critical topics (outages and billing),
/// and marketing goes by email only, where an unsubscribe link is always present.
/// </summary>
public static class ChannelTopics
{
    public static IReadOnlyList<(Channel Channel, Topic Topic)> Supported { get; } =
    [
        (Channel.Email, Topic.Outage),
        (Channel.Email, Topic.Billing),
        (Channel.Email, Topic.Usage),
        (Channel.Email, Topic.Product),
        (Channel.Email, Topic.Marketing),
        (Channel.Sms, Topic.Outage),
        (Channel.Sms, Topic.Billing),
        (Channel.Push, Topic.Outage),
        (Channel.Push, Topic.Billing),
        (Channel.Push, Topic.Usage),
        (Channel.Push, Topic.Product),
    ];

    public static bool IsSupported(Channel channel, Topic topic) => Supported.Contains((channel, topic));

    /// <summary>What a customer who never chose gets: service topics on, marketing off.</summary>
    public static bool OptedInByDefault(Topic topic) => topic != Topic.Marketing;
}
