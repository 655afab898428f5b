namespace UCE.Communications.Data;

/// <summary>The message templates every communications database starts with.</summary>
public static class MessageTemplates
{
    /// <summary>New instances of the standard templates (each context tracks its own).</summary>
    public static IReadOnlyList<MessageTemplate> Create() =>
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
            Body = "{{firstName}}, your usage this week is {{percent}}% above your usual.",
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
}
