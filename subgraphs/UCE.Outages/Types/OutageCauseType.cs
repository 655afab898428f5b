using GraphQL.Types;
using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>GraphQL enum <c>OutageCause</c>.</summary>
public sealed class OutageCauseType : EnumerationGraphType<OutageCause>
{
    public OutageCauseType()
    {
        Name = "OutageCause";
        Description = "What caused an outage, as far as the utility knows.";
    }
}
