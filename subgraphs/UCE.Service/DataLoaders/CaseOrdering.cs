using UCE.Service.Data;

namespace UCE.Service.DataLoaders;

/// <summary>The order case lists are shown in.</summary>
internal static class CaseOrdering
{
    /// <summary>Newest opened first, ties by id.</summary>
    public static IOrderedEnumerable<Case> NewestFirst(this IEnumerable<Case> cases) =>
        cases.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal);
}
