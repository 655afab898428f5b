namespace UCE.Outages.Data;

/// <summary>Limits on what a customer may write in an outage report.</summary>
public static class OutageReportRules
{
    public const int MaxDescriptionLength = 1000;

    /// <summary>The longest contact (phone number or e-mail address) a report keeps.</summary>
    public const int MaxContactLength = 200;
}
