using UCE.Subgraphs.Hosting.GraphTypes;
using UCE.Usage.Data;

namespace UCE.Usage.Types;

/// <summary>GraphQL enum <c>UsageGranularity</c>.</summary>
public sealed class UsageGranularityType() : NamedEnumerationGraphType<UsageGranularity>(
    "UsageGranularity",
    "The width of one point of a usage series.");

/// <summary>GraphQL enum <c>UsageSummaryPeriod</c>.</summary>
public sealed class UsageSummaryPeriodType() : NamedEnumerationGraphType<UsageSummaryPeriod>(
    "UsageSummaryPeriod",
    "DAY compares the latest day read with the day before; MONTH the current month to date with the previous month.");
