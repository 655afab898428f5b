using UCE.Subgraphs.Hosting.Errors;
using UCE.Usage.Data;

namespace UCE.Usage.Types;

/// <summary>The domain errors of the usage subgraph and their stable codes.</summary>
public static class UsageErrors
{
    public const string RangeInvalidCode = "USAGE_RANGE_INVALID";
    public const string RangeTooLargeCode = "USAGE_RANGE_TOO_LARGE";
    public const string MeterNotFoundCode = "METER_NOT_FOUND";
    public const string ReadingInvalidCode = "METER_READING_INVALID";

    public static DomainError RangeInvalid() => new(RangeInvalidCode, "'from' must be before 'to'.");

    public static DomainError RangeTooLarge(UsageGranularity granularity) =>
        new(RangeTooLargeCode, $"A {granularity} series spans at most {UsageWindow.MaxSpan(granularity).TotalDays} days.");

    /// <summary>A reading that cannot be recorded: a gap, a day in the future or too far back, a value out of range, a day twice.</summary>
    public static DomainError ReadingInvalid(string reason) => new(ReadingInvalidCode, reason);

    public static DomainError MeterNotFound(string id) => new(MeterNotFoundCode, $"Meter '{id}' does not exist.");
}
