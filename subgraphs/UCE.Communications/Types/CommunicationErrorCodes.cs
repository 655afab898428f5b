namespace UCE.Communications.Types;

/// <summary>The <c>extensions.code</c> values the communications subgraph adds to the shared ones.</summary>
public static class CommunicationErrorCodes
{
    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";

    /// <summary>The channel does not carry the topic (for example MARKETING over SMS).</summary>
    public const string ChannelTopicNotSupported = "CHANNEL_TOPIC_NOT_SUPPORTED";

    public const string QuietHoursInvalid = "QUIET_HOURS_INVALID";

    public const string TemplateNotFound = "TEMPLATE_NOT_FOUND";

    public const string PlaceholderValueMissing = "PLACEHOLDER_VALUE_MISSING";

    /// <summary>The customer opted out of the template's topic on its channel.</summary>
    public const string NotOptedIn = "NOT_OPTED_IN";

    /// <summary>The customer has no address for the channel (no phone number for SMS).</summary>
    public const string NoAddressForChannel = "NO_ADDRESS_FOR_CHANNEL";
}
