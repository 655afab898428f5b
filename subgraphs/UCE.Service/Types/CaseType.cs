using GraphQL.Types;
using UCE.Service.Data;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>Case</c>: an inquiry or complaint.</summary>
public sealed class CaseType : ObjectGraphType<Case>
{
    public CaseType()
    {
        Name = "Case";
        Description = "A customer's inquiry or complaint, from opening to closure.";
        this.Authorize(CaseAccess.Case);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<CustomerType>("customer").Resolve(context => new CustomerReference(context.Source.CustomerId));
        Field<NonNullGraphType<CaseCategoryType>>("category").Resolve(context => context.Source.Category);
        Field<NonNullGraphType<CasePriorityType>>("priority").Resolve(context => context.Source.Priority);
        Field<NonNullGraphType<CaseChannelType>>("channel").Description("Where the customer raised the case.").Resolve(context => context.Source.Channel);
        Field<NonNullGraphType<CaseStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(context => context.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(context => context.Source.Description);
        Field<NonNullGraphType<CaseQueueType>>("queue").Resolve(context => context.Source.Queue);
        Field<StringGraphType>("assignedAgent").Description("The subject of the agent working the case; null until assigned.").Resolve(context => context.Source.AssignedAgent);
        Field<NonNullGraphType<DateTimeGraphType>>("openedAt").Resolve(context => context.Source.OpenedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("slaDueAt")
            .Description("When the case must be resolved by: the SLA of its category and priority from opening (or reopening).")
            .Resolve(context => context.Source.SlaDueAt);
        Field<DateTimeGraphType>("resolvedAt").Resolve(context => context.Source.ResolvedAt);
        Field<DateTimeGraphType>("closedAt").Resolve(context => context.Source.ClosedAt);
        Field<CaseResolutionCodeType>("resolutionCode").Resolve(context => context.Source.ResolutionCode);
        Field<NonNullGraphType<BooleanGraphType>>("slaBreached")
            .Description("True when the case was resolved after its SLA due time, or is still open past it.")
            .Resolve(context => (context.Source.ResolvedAt ?? context.Service<TimeProvider>().GetUtcNow().UtcDateTime) > context.Source.SlaDueAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStatusType>>>>("nextStatuses")
            .Description("The statuses the case may move to next (a reopen aside).")
            .Resolve(context => CaseLifecycle.NextOf(context.Source.Status));
        Field<NonNullGraphType<IntGraphType>>("reopenCount").Resolve(context => context.Source.ReopenCount);
        Field<AccountType>("account").Description("The account the case concerns.")
            .Resolve(context => context.Source.AccountId is { } id ? new AccountReference(id) : null);
        Field<BillType>("bill").Description("The bill the case concerns.")
            .Resolve(context => context.Source.BillId is { } id ? new LinkedEntity(id, context.Source.CustomerId) : null);
        Field<OutageType>("outage").Description("The outage the case concerns.")
            .Resolve(context => context.Source.OutageId is { } id ? new OutageReference(id) : null);
        Field<EnrollmentType>("enrollment").Description("The product enrollment the case concerns.")
            .Resolve(context => context.Source.EnrollmentId is { } id ? new LinkedEntity(id, context.Source.CustomerId) : null);
        Field<CaseSurveyType>("survey").Description("The customer's survey answer, once given.")
            .Resolve(context => context.Service<SurveyByCaseLoader>().LoadAsync(context.Source.Id));
        Field<NonNullGraphType<BooleanGraphType>>("surveyOffered")
            .Description("True when the case is closed and its customer has not answered the survey yet.")
            .Resolve(context => context.Source.Status != CaseStatus.Closed
                ? DataLoaderResult.FromValue(false)
                : context.Service<SurveyByCaseLoader>().LoadAsync(context.Source.Id).Then(survey => survey is null));
        Field<ListGraphType<NonNullGraphType<CaseNoteType>>>("notes")
            .Description("The case's notes, oldest first; customers get only the customer-visible ones.")
            .Resolve(context =>
            {
                var seeInternal = CaseAccess.MaySeeInternal(context.Caller());
                return context.Service<NotesByCaseLoader>().LoadAsync(context.Source.Id)
                    .Then(notes => notes.Where(n => seeInternal || n.Visibility == CaseNoteVisibility.CustomerVisible).ToList());
            });
        KnowledgeCaseFields.AddTo(this);
    }
}
