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
        Field<StringGraphType>("contact").Description("A phone number or e-mail address to reach the reporter; required when nobody is signed in.");
    }
}
