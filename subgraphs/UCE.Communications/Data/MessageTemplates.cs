namespace UCE.Communications.Data;

/// <summary>
/// The message templates every communications database holds: those staff and services send by hand, and those the event
/// notifications render (<c>&lt;kind&gt;-&lt;channel&gt;</c>: <c>outage-detected-sms</c>, <c>high-usage-email</c> …).
/// </summary>
public static class MessageTemplates
{
    /// <summary>The templates the demo set's notification history is written from (the event templates came later).</summary>
    public static IReadOnlySet<string> DemoHistory { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "outage-started-email", "outage-started-sms", "outage-restored-push", "bill-ready-email", "payment-due-sms",
        "high-usage-push", "usage-summary-email", "product-offer-email", "newsletter-email",
    };

    /// <summary>The id of the template of <paramref name="kind"/> on <paramref name="channel"/> (<c>outage-detected-sms</c>).</summary>
    public static string IdOf(string kind, Channel channel) => $"{kind}-{channel.ToString().ToLowerInvariant()}";

    /// <summary>New instances of the standard templates (each context tracks its own).</summary>
    public static IReadOnlyList<MessageTemplate> Create() => [.. ByHand(), .. OutageAlerts(), .. UsageAlerts()];

    private static IEnumerable<MessageTemplate> ByHand() =>
    [
        new()
        {
            Id = "outage-started-email",
            Channel = Channel.Email,
            Topic = Topic.Outage,
            Subject = "Power outage at your home",
            Body = "Hi {{firstName}}, we know about an outage affecting your home. Crews expect to restore power by {{estimatedRestoration}}.",
        },
        new()
        {
            Id = "outage-started-sms",
            Channel = Channel.Sms,
            Topic = Topic.Outage,
            Body = "UCE: outage at your home. Estimated restoration {{estimatedRestoration}}. Reply STOP to opt out.",
        },
        new()
        {
            Id = "outage-restored-push",
            Channel = Channel.Push,
            Topic = Topic.Outage,
            Body = "{{firstName}}, power is back on at your home.",
        },
        new()
        {
            Id = "bill-ready-email",
            Channel = Channel.Email,
            Topic = Topic.Billing,
            Subject = "Your bill of {{amount}} is ready",
            Body = "Hi {{firstName}}, your bill of {{amount}} is ready and due on {{dueDate}}.",
        },
        new()
        {
            Id = "payment-due-sms",
            Channel = Channel.Sms,
            Topic = Topic.Billing,
            Body = "UCE: {{amount}} is due on {{dueDate}}. Reply STOP to opt out.",
        },
        new()
        {
            Id = "high-usage-push",
            Channel = Channel.Push,
            Topic = Topic.Usage,
            Body = "{{firstName}}, your energy use this month is {{percent}}% above last month's daily average.",
        },
        new()
        {
            Id = "usage-summary-email",
            Channel = Channel.Email,
            Topic = Topic.Usage,
            Subject = "Your monthly energy summary",
            Body = "Hi {{firstName}}, you used {{kwh}} kWh last month.",
        },
        new()
        {
            Id = "product-offer-email",
            Channel = Channel.Email,
            Topic = Topic.Product,
            Subject = "{{productName}} for your home",
            Body = "Hi {{firstName}}, {{productName}} could suit your home. See the offer in your account.",
        },
        new()
        {
            Id = "newsletter-email",
            Channel = Channel.Email,
            Topic = Topic.Marketing,
            Subject = "Energy tips for {{season}}",
            Body = "Hi {{firstName}}, here are this {{season}}'s tips to save energy at home.",
        },
    ];

    /// <summary>
    /// Outage alerts, rendered from outage changes with <c>firstName</c>, <c>areaName</c> and <c>estimatedRestoration</c> (a time, or
    /// "not known yet"). <c>outage-restored-push</c> is among the templates sent by hand and serves the alerts too.
    /// </summary>
    private static IEnumerable<MessageTemplate> OutageAlerts() =>
    [
        Email("outage-detected", Topic.Outage, "Power outage at your home",
            "Hi {{firstName}}, there is a power outage affecting your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}. We will keep you posted."),
        Sms("outage-detected", "UCE: power outage at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}. Reply STOP to opt out."),
        Push("outage-detected", Topic.Outage, "Power outage at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}."),
        Email("outage-confirmed", Topic.Outage, "We have confirmed the outage at your home",
            "Hi {{firstName}}, our crews have confirmed the power outage at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}."),
        Sms("outage-confirmed", "UCE: outage at your home in {{areaName}} confirmed. Estimated restoration: {{estimatedRestoration}}. Reply STOP to opt out."),
        Push("outage-confirmed", Topic.Outage, "Outage at your home in {{areaName}} confirmed. Estimated restoration: {{estimatedRestoration}}."),
        Email("outage-estimate", Topic.Outage, "New restoration estimate for your home",
            "Hi {{firstName}}, {{progress}} at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}."),
        Sms("outage-estimate", "UCE: {{progress}} at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}. Reply STOP to opt out."),
        Push("outage-estimate", Topic.Outage, "Outage update: {{progress}} at your home in {{areaName}}. Estimated restoration: {{estimatedRestoration}}."),
        Email("outage-restored", Topic.Outage, "Power is back on at your home",
            "Hi {{firstName}}, power is back on at your home in {{areaName}}. Thank you for your patience."),
        Sms("outage-restored", "UCE: power is back on at your home in {{areaName}}. Reply STOP to opt out."),
    ];

    /// <summary>High-usage alerts, rendered from usage events with <c>firstName</c>, <c>percent</c>, <c>averageKWh</c> and <c>previousAverageKWh</c>.</summary>
    private static IEnumerable<MessageTemplate> UsageAlerts() =>
    [
        Email("high-usage", Topic.Usage, "Your energy use is higher than usual",
            "Hi {{firstName}}, this month you are using {{averageKWh}} kWh a day, {{percent}}% more than last month's {{previousAverageKWh}} kWh a day."),
    ];

    private static MessageTemplate Email(string kind, Topic topic, string subject, string body) =>
        new() { Id = IdOf(kind, Channel.Email), Channel = Channel.Email, Topic = topic, Subject = subject, Body = body };

    private static MessageTemplate Sms(string kind, string body) =>
        new() { Id = IdOf(kind, Channel.Sms), Channel = Channel.Sms, Topic = Topic.Outage, Body = body };

    private static MessageTemplate Push(string kind, Topic topic, string body) =>
        new() { Id = IdOf(kind, Channel.Push), Channel = Channel.Push, Topic = topic, Body = body };
}
