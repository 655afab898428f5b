using GraphQL.Types;

namespace UCE.Outages.Types;

/// <summary>GraphQL input <c>ReportOutageInput</c>.</summary>
public sealed class ReportOutageInputType : InputObjectGraphType<ReportOutageInput>
{
    public ReportOutageInputType()
    {
        Name = "ReportOutageInput";
        Field<NonNullGraphType<IdGraphType>>("serviceLocationId").Description("The service location without power.");
        Field<NonNullGraphType<StringGraphType>>("description").Description("What the reporter sees, in their words.");
    }
}
