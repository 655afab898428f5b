namespace UCE.Usage.Types;

/// <summary>What <c>recordMeterReadings</c> recorded, and whether the month is now high.</summary>
public sealed record RecordMeterReadingsPayload(string MeterId, DateOnly ReadThrough, int Recorded, bool HighUsage, string? HighUsageEventId);
