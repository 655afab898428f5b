namespace UCE.Outages.Data;

/// <summary>Limits on what a customer may write in an outage report.</summary>
public static class OutageReportRules
{
    public const int MaxDescriptionLength = 1000;
}
