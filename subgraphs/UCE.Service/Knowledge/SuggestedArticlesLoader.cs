using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Service.Knowledge.Search;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Service.Knowledge;

/// <summary>
/// Suggested articles for many cases: one search per case (any word of its text, its categories first), all of one
/// request's cases in one SQL command per page size, limited to the audiences of the caller.
/// </summary>
public sealed class SuggestedArticlesLoader(IDbContextFactory<ServiceDbContext> contexts)
    : GroupDataLoader<KnowledgeSuggestionKey, KnowledgeSearchHit>
{
    protected override async Task<ILookup<KnowledgeSuggestionKey, KnowledgeSearchHit>> LoadGroupsAsync(IReadOnlyList<KnowledgeSuggestionKey> keys, CancellationToken cancellationToken)
    {
        var found = new List<(KnowledgeSuggestionKey Key, KnowledgeSearchHit Hit)>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var page in keys.GroupBy(k => (k.First, k.Audiences)))
        {
            var scope = new KnowledgeSearchScope(Enums<KnowledgeAudience>(page.Key.Audiences));
            var items = page
                .Select(key => (Key: key, Query: KnowledgeQuery.AnyWordOf(key.Text)))
                .Where(x => x.Query is not null)
                .Select((x, index) => (x.Key, Item: new KnowledgeSearch.Item(index.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Query!, Enums<KnowledgeCategory>(x.Key.PreferredCategories))))
                .ToList();
            var hits = await KnowledgeSearch.SearchManyAsync(db, [.. items.Select(x => x.Item)], scope, page.Key.First, cancellationToken);
            found.AddRange(items.SelectMany(x => hits[x.Item.Key].Select(hit => (x.Key, hit))));
        }

        return found.ToLookup(x => x.Key, x => x.Hit);
    }

    private static T[] Enums<T>(string names)
        where T : struct, Enum =>
        [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>)];
}
