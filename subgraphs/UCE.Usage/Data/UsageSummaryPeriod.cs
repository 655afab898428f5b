namespace UCE.Usage.Data;

/// <summary>What a usage summary compares: the latest day with the day before, or the current month with the previous one.</summary>
public enum UsageSummaryPeriod
{
    Day,
    Month,
}
