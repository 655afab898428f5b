namespace UCE.Usage.Data;

/// <summary>The width of one point of a usage series.</summary>
public enum UsageGranularity
{
    QuarterHour,
    Hour,
    Day,
    Month,
}
