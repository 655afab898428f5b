using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using UCE.Service.Data;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Types;

/// <summary>Who may read cases and their notes.</summary>
public static class CaseAccess
{
    private static readonly AccessRule NoteOwner = Access.CustomerData<CaseNote>(note => note.CustomerId);

    /// <summary>A case: its customer, agents and supervisors.</summary>
    public static AccessRule Case { get; } = Access.CustomerData<Case>(@case => @case.CustomerId);

    /// <summary>A note: agents and supervisors; the case's customer only when the note is customer-visible.</summary>
    public static AccessRule Note { get; } = new(
        "agents and supervisors; the case's customer for customer-visible notes",
        async request =>
        {
            var decision = await NoteOwner.EvaluateAsync(request).ConfigureAwait(false);
            return MaySeeInternal(request.Caller) || request.Value is CaseNote { Visibility: CaseNoteVisibility.CustomerVisible }
                ? decision
                : AccessDecision.Deny(decision.CustomerId);
        },
        audience: NoteOwner.Audience);

    /// <summary>
    /// Signed-in callers: the rule of the entities another subgraph owns and this one only extends with cases (an
    /// account, which partners read in the usage subgraph). Each case in them is checked by <see cref="Case"/>.
    /// </summary>
    public static AccessRule SignedIn { get; } = Access.Roles(
        "signed-in callers", CallerRole.Customer, CallerRole.Agent, CallerRole.Supervisor, CallerRole.Partner, CallerRole.Service);

    /// <summary>
    /// The cases of a list that is not one customer's (an account's, an outage's) that <paramref name="caller"/> may read:
    /// all for staff, a customer's own for a customer. One refused item would otherwise null the whole list.
    /// </summary>
    public static List<Case> ReadableBy(CallerIdentity caller, IEnumerable<Case> cases) =>
        MaySeeInternal(caller) ? [.. cases] : [.. cases.Where(c => caller.Role == CallerRole.Customer && c.CustomerId == caller.CustomerId)];

    /// <summary>A mutation on the case <paramref name="caseIdOf"/> names: the case's customer, agents and supervisors.</summary>
    public static AccessRule CaseOwnerOrStaff(Func<IResolveFieldContext, string?> caseIdOf) =>
        Access.CustomerOwning("the case", request => OwnerOf(request, caseIdOf));

    /// <summary>
    /// A mutation only the case's own customer may make (answering its survey): not agents, whose answer would not be
    /// the customer's.
    /// </summary>
    public static AccessRule CaseCustomerOnly(Func<IResolveFieldContext, string?> caseIdOf) => new(
        "the case's customer",
        async request =>
        {
            if (request.Caller.Role != CallerRole.Customer)
            {
                return AccessDecision.Deny();
            }

            var owner = await OwnerOf(request, caseIdOf).GetResultAsync(request.CancellationToken).ConfigureAwait(false);
            return owner is not null && request.Caller.MayActFor(owner) ? AccessDecision.Allow(owner) : AccessDecision.Deny(owner);
        },
        request => OwnerOf(request, caseIdOf),
        AccessAudience.Roles(CallerRole.Customer));

    private static GraphQL.DataLoader.IDataLoaderResult<string?> OwnerOf(AccessRequest request, Func<IResolveFieldContext, string?> caseIdOf) =>
        caseIdOf(request.Field!)?.Trim() is { Length: > 0 } id
            ? request.Services.GetRequiredService<CaseByIdLoader>().LoadAsync(id).Then(found => found?.CustomerId)
            : DataLoaderResult.FromValue<string?>(null);

    /// <summary>True for callers who may read internal notes: agents and supervisors.</summary>
    public static bool MaySeeInternal(CallerIdentity caller) => caller.Role is CallerRole.Agent or CallerRole.Supervisor;
}
