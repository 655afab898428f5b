using GraphQL.Builders;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Outages.Types;

/// <summary>The rule of outage data as the public sees it: outages by area, no premises.</summary>
public static class OutageAccess
{
    /// <summary>Anonymous callers, customers, agents, supervisors, and partners with <c>outages:read</c>.</summary>
    public static FieldBuilder<TSource, TReturn> AllowPublicOutageData<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Authorize(Access.PublicData(AccessScopes.OutagesRead));
}
