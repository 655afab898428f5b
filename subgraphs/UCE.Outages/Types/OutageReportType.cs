using GraphQL.Types;
using UCE.Outages.Data;
using UCE.Outages.DataLoaders;
using UCE.Subgraphs.Hosting;

namespace UCE.Outages.Types;

/// <summary>GraphQL type <c>OutageReport</c>: someone reported that a service location has no power.</summary>
public sealed class OutageReportType : ObjectGraphType<OutageReport>
{
    public OutageReportType()
    {
        Name = "OutageReport";
        Description = "Someone reported that a service location has no power.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<ServiceLocationType>("serviceLocation")
            .Resolve(context => context.Service<GridConnectionByLocationLoader>().LoadAsync(context.Source.LocationId));
        Field<StringGraphType>("reportedBy")
            .Description("The authenticated subject that reported, when known.")
            .Resolve(context => context.Source.ReportedBy);
        Field<IdGraphType>("customerId")
            .Description("The customer who reported, when a customer did.")
            .Resolve(context => context.Source.CustomerId);
        Field<StringGraphType>("contact")
            .Description("How to reach the reporter, as they gave it.")
            .Resolve(context => context.Source.Contact);
        Field<NonNullGraphType<DateTimeGraphType>>("reportedAt").Resolve(context => context.Source.ReportedAt);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(context => context.Source.Description);
    }
}
