using GraphQL.DataLoader;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Usage.DataLoaders;

namespace UCE.Usage.Types;

/// <summary>Who may read usage: the customer it belongs to, agents and supervisors, and partners with <c>usage:read</c> the customer consented to.</summary>
public static class UsageAccess
{
    /// <summary>The rule of a type whose objects belong to the customer <paramref name="ownerOf"/> names.</summary>
    public static AccessRule Of<TSource>(Func<TSource, string?> ownerOf) =>
        Access.CustomerData(ownerOf).Or(Access.ConsentedPartner(AccessScopes.UsageRead, ownerOf, HasConsentedAsync));

    /// <summary>The rule of a root field whose owner <paramref name="ownerOf"/> looks up from the arguments.</summary>
    public static AccessRule Owning(string what, Func<AccessRequest, IDataLoaderResult<string?>> ownerOf) =>
        Access.CustomerOwning(what, ownerOf).Or(Access.ConsentedPartner(AccessScopes.UsageRead, ownerOf, HasConsentedAsync));

    private static ValueTask<bool> HasConsentedAsync(AccessRequest request, string customerId) =>
        request.Services.GetRequiredService<PartnerConsents>().HasConsentedAsync(request.Caller.ClientId!, customerId, request.CancellationToken);
}
