namespace UCE.Usage.Types;

/// <summary>The arguments of <c>recordMeterReadings</c>.</summary>
public sealed class RecordMeterReadingsInput
{
    public string MeterId { get; set; } = "";

    public List<DailyMeterReading> Readings { get; set; } = [];
}

/// <summary>The energy a meter recorded over one whole UTC day.</summary>
public sealed class DailyMeterReading
{
    public DateOnly Day { get; set; }

    public double KWh { get; set; }
}
