namespace UCE.Communications.Types;

/// <summary>The arguments of <c>sendNotification</c>.</summary>
public sealed class SendNotificationInput
{
    public string CustomerId { get; set; } = "";

    public string TemplateId { get; set; } = "";

    public List<TemplateValue> Values { get; set; } = [];
}

/// <summary>A value for one template placeholder.</summary>
public sealed class TemplateValue
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
