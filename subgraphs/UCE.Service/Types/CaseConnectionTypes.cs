using GraphQL.Types;
using UCE.Service.Data;

namespace UCE.Service.Types;

/// <summary>GraphQL type <c>CaseConnection</c>: a page of a work list.</summary>
public sealed class CaseConnectionType : ObjectGraphType<CasePage>
{
    public CaseConnectionType()
    {
        Name = "CaseConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseEdgeType>>>>("edges").Resolve(context => context.Source.Cases);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseType>>>>("nodes").Resolve(context => context.Source.Cases);
        Field<NonNullGraphType<CasePageInfoType>>("pageInfo").Resolve(context => context.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Open cases in the whole list, not only this page.").Resolve(context => context.Source.TotalCount);
    }
}

/// <summary>GraphQL type <c>CaseEdge</c>.</summary>
public sealed class CaseEdgeType : ObjectGraphType<Case>
{
    public CaseEdgeType()
    {
        Name = "CaseEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(context => CaseCursor.Encode(context.Source.SlaDueAt, context.Source.Id));
        Field<NonNullGraphType<CaseType>>("node").Resolve(context => context.Source);
    }
}

/// <summary>GraphQL type <c>CasePageInfo</c>.</summary>
public sealed class CasePageInfoType : ObjectGraphType<CasePage>
{
    public CasePageInfoType()
    {
        Name = "CasePageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when cases due later follow.").Resolve(context => context.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(context => context.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Resolve(context => context.Source.Cases.Count == 0 ? null : CaseCursor.Encode(context.Source.Cases[0].SlaDueAt, context.Source.Cases[0].Id));
        Field<StringGraphType>("endCursor").Resolve(context => context.Source.Cases.Count == 0 ? null : CaseCursor.Encode(context.Source.Cases[^1].SlaDueAt, context.Source.Cases[^1].Id));
    }
}
