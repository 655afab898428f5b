using GraphQL.Types;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>ServiceQualityMetrics</c>.</summary>
public sealed class ServiceQualityMetricsType : ObjectGraphType<ServiceQualityMetrics>
{
    public ServiceQualityMetricsType()
    {
        Name = "ServiceQualityMetrics";
        Description = "Service quality over a window, for one queue or all; rates are percentages, null when nothing was measured.";
        Field<NonNullGraphType<DateTimeGraphType>>("from").Resolve(context => context.Source.From);
        Field<NonNullGraphType<DateTimeGraphType>>("to").Resolve(context => context.Source.To);
        Field<CaseQueueType>("queue").Description("The queue measured; null for all.").Resolve(context => context.Source.Queue);
        Field<NonNullGraphType<IntGraphType>>("surveyResponses").Description("Surveys answered in the window.").Resolve(context => context.Source.SurveyResponses);
        Field<FloatGraphType>("netPromoterScore")
            .Description("NPS, −100 to 100: the share of promoters (9–10) minus the share of detractors (0–6) among the window's surveys.")
            .Resolve(context => context.Source.NetPromoterScore);
        Field<FloatGraphType>("customerSatisfaction")
            .Description("CSAT: the share of the window's surveys scoring 8 or more.")
            .Resolve(context => context.Source.CustomerSatisfaction);
        Field<FloatGraphType>("averageSurveyScore").Resolve(context => context.Source.AverageSurveyScore);
        Field<NonNullGraphType<IntGraphType>>("resolvedCases").Description("Cases resolved in the window (and not reopened since).").Resolve(context => context.Source.ResolvedCases);
        Field<FloatGraphType>("firstContactResolutionRate")
            .Description("The share of resolved cases resolved within 24 hours of opening, never reopened and never waiting on the customer.")
            .Resolve(context => context.Source.FirstContactResolutionRate);
        Field<FloatGraphType>("averageHandlingMinutes")
            .Description("Average minutes from opening to resolution of the cases resolved in the window.")
            .Resolve(context => context.Source.AverageHandlingMinutes);
        Field<FloatGraphType>("slaAttainment")
            .Description("The share of resolved cases resolved by their SLA due time.")
            .Resolve(context => context.Source.SlaAttainment);
        Field<NonNullGraphType<IntGraphType>>("openCases").Description("Cases open now (not resolved or closed), whenever opened.").Resolve(context => context.Source.OpenCases);
        Field<NonNullGraphType<IntGraphType>>("openCasesPastSla").Description("Open cases already past their SLA due time.").Resolve(context => context.Source.OpenCasesPastSla);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BacklogBucketType>>>>("backlog")
            .Description("The open cases by age now: under 1 day, 1–3, 3–7 and over 7 days.")
            .Resolve(context => context.Source.Backlog);
    }
}

/// <summary>GraphQL type <c>BacklogBucket</c>.</summary>
public sealed class BacklogBucketType : ObjectGraphType<BacklogBucket>
{
    public BacklogBucketType()
    {
        Name = "BacklogBucket";
        Description = "Open cases whose age lies in [minDays, maxDays) days.";
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(context => context.Source.Label);
        Field<NonNullGraphType<IntGraphType>>("minDays").Resolve(context => context.Source.MinDays);
        Field<IntGraphType>("maxDays").Description("Null for the oldest bucket.").Resolve(context => context.Source.MaxDays);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(context => context.Source.Count);
    }
}
