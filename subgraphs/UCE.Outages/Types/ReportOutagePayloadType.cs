using GraphQL.Types;

namespace UCE.Outages.Types;

/// <summary>GraphQL type <c>ReportOutagePayload</c>.</summary>
public sealed class ReportOutagePayloadType : ObjectGraphType<ReportOutagePayload>
{
    public ReportOutagePayloadType()
    {
        Name = "ReportOutagePayload";
        Field<NonNullGraphType<OutageReportType>>("report").Resolve(context => context.Source.Report);
        Field<NonNullGraphType<OutageType>>("outage").Resolve(context => context.Source.Outage);
        Field<NonNullGraphType<BooleanGraphType>>("outageCreated")
            .Description("True when no active outage covered the location and the report opened a new one.")
            .Resolve(context => context.Source.OutageCreated);
    }
}
