using GraphQL.Types;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Service.Types;

/// <summary>GraphQL enum <c>NextBestActionKind</c>.</summary>
public sealed class NextBestActionKindType() : NamedEnumerationGraphType<NextBestActionKind>(
    "NextBestActionKind",
    "What an agent should raise on a contact.");

/// <summary>GraphQL type <c>NextBestAction</c>.</summary>
public sealed class NextBestActionType : ObjectGraphType<NextBestAction>
{
    public NextBestActionType()
    {
        Name = "NextBestAction";
        Description = "One thing an agent should raise on this contact; rank 1 first.";
        Field<NonNullGraphType<IntGraphType>>("rank").Resolve(context => context.Source.Rank);
        Field<NonNullGraphType<NextBestActionKindType>>("kind").Resolve(context => context.Source.Kind);
        Field<NonNullGraphType<IntGraphType>>("score").Description("Higher is more urgent; the ranking's basis.").Resolve(context => context.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("detail").Resolve(context => context.Source.Detail);
        Field<DateTimeGraphType>("dueAt").Description("The SLA due time or offer expiry it is about, if any.").Resolve(context => context.Source.DueAt);
        Field<CaseType>("case").Description("The case it is about, if any.").Resolve(context => context.Source.Case);
    }
}
