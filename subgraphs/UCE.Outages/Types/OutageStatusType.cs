using GraphQL.Types;
using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>GraphQL enum <c>OutageStatus</c>: REPORTED, CONFIRMED, CREW_DISPATCHED, RESTORING, RESTORED.</summary>
public sealed class OutageStatusType : EnumerationGraphType<OutageStatus>
{
    public OutageStatusType()
    {
        Name = "OutageStatus";
        Description = "Where an outage is in its life cycle; it only moves forward.";
    }
}
