namespace UCE.Usage.Data;

/// <summary>One day of 15-minute interval reads of a meter (96 values), stored as one row.</summary>
public sealed class IntervalReadBlock
{
    public const int IntervalsPerDay = 96;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public string MeterId { get; set; } = "";

    /// <summary>The UTC day the intervals cover.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Watt-hours per quarter hour, index 0 = 00:00–00:15 UTC.</summary>
    public int[] QuarterHourWh { get; set; } = [];
}
