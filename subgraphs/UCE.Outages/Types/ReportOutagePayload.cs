using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>The result of <c>reportOutage</c>: the report and the outage it was attached to.</summary>
public sealed record ReportOutagePayload(OutageReport Report, Outage Outage, bool OutageCreated);
