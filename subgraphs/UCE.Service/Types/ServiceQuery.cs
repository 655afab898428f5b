using GraphQL;
using GraphQL.Types;
using UCE.Service.Data;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Paging;

namespace UCE.Service.Types;

/// <summary>The service subgraph's root query fields.</summary>
public sealed class ServiceQuery : ObjectGraphType
{
    public ServiceQuery()
    {
        Name = "Query";

        Field<CaseType>("case")
            .Description("One case by id; an unknown id is an error with code CASE_NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id");
                return context.Service<CaseByIdLoader>().LoadAsync(id).Then(found =>
                    found ?? throw new DomainError(ServiceErrorCodes.CaseNotFound, $"No case has id '{id}'."));
            });

        Field<CaseConnectionType>("agentWorkList")
            .Description("An agent's open cases (the caller's by default), soonest SLA due time first.")
            .Argument<StringGraphType>("agent", "The agent's subject; the caller when omitted.")
            .Argument<IntGraphType>("first", "How many cases, 1 to 100.", argument => argument.DefaultValue = PageSize.Default)
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .Authorize(Access.Staff)
            .ResolveAsync(async context =>
            {
                var first = PageSize.Read(context, "first");
                var agent = context.GetArgument<string?>("agent")?.Trim() is { Length: > 0 } named
                    ? named
                    : context.Caller().Subject ?? throw new DomainError(ErrorCodes.BadUserInput, "agent must be given when the caller has no subject.");
                return await context.Service<CaseWorkList>().ForAgentAsync(agent, first, context.GetArgument<string?>("after"), context.CancellationToken);
            });

        Field<CaseConnectionType>("queueWorkList")
            .Description("A queue's open cases, soonest SLA due time first.")
            .Argument<NonNullGraphType<CaseQueueType>>("queue")
            .Argument<IntGraphType>("first", "How many cases, 1 to 100.", argument => argument.DefaultValue = PageSize.Default)
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await context.Service<CaseWorkList>().ForQueueAsync(
                context.GetArgument<CaseQueue>("queue"), PageSize.Read(context, "first"), context.GetArgument<string?>("after"), context.CancellationToken));

        Field<ServiceQualityMetricsType>("serviceQualityMetrics")
            .Description("NPS, CSAT, first-contact resolution, handling time and SLA attainment over [from, to), and the open backlog by age; one queue or all.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to")
            .Argument<CaseQueueType>("queue")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await context.Service<ServiceQuality>().MeasureAsync(
                context.GetArgument<DateTime>("from"), context.GetArgument<DateTime>("to"), context.GetArgument<CaseQueue?>("queue"), context.CancellationToken));

        KnowledgeQueryFields.AddTo(this);
    }
}
