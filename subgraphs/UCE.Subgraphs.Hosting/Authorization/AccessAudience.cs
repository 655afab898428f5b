using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// The callers a rule may let in, judged by role and scopes alone: an over-estimate (the rule may still refuse them
/// for the data it guards), from which the rule's declarative equivalent for the gateway is derived.
/// </summary>
public sealed class AccessAudience
{
    private static readonly CallerRole[] AuthenticatedRoles = [.. Enum.GetValues<CallerRole>().Where(role => role != CallerRole.Anonymous)];

    private AccessAudience(IEnumerable<Member> members, bool includesActedFor)
    {
        // A role admitted without a scope makes the same role with a scope redundant.
        var list = members.Distinct().ToList();
        Members = [.. list
            .Where(member => member.Scope is null || !list.Contains(new Member(member.Role, null)))
            .OrderBy(member => member.Role)
            .ThenBy(member => member.Scope, StringComparer.Ordinal)];
        IncludesActedFor = includesActedFor;
    }

    /// <summary>Every caller, anonymous included: what a rule of unknown shape has to be taken to admit.</summary>
    public static AccessAudience Everyone { get; } = Roles(Enum.GetValues<CallerRole>());

    /// <summary>Callers of <paramref name="roles"/>, whatever their scopes.</summary>
    public static AccessAudience Roles(params CallerRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return new AccessAudience(roles.Select(role => new Member(role, null)), includesActedFor: false);
    }

    /// <summary>Callers of <paramref name="role"/> holding <paramref name="scope"/>.</summary>
    public static AccessAudience Scoped(CallerRole role, string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new AccessAudience([new Member(role, scope)], includesActedFor: false);
    }

    /// <summary>Role and scope pairs; a null scope admits the role whatever its scopes.</summary>
    public IReadOnlyList<Member> Members { get; }

    /// <summary>
    /// True when the rule also admits a caller whose mutation in the same request acted for the customer the data
    /// belongs to (reading the mutation's payload). Such a caller may hold any role but anonymous: an anonymous
    /// caller is never granted a customer (<see cref="RequestAccess"/>).
    /// </summary>
    public bool IncludesActedFor { get; }

    /// <summary>Admitted by this audience or by <paramref name="other"/>.</summary>
    public AccessAudience Or(AccessAudience other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AccessAudience(Members.Concat(other.Members), IncludesActedFor || other.IncludesActedFor);
    }

    /// <summary>The same audience, plus callers whose mutation in the request acted for the customer.</summary>
    public AccessAudience OrActedFor() => new(Members, includesActedFor: true);

    /// <summary>
    /// The directives the gateway may enforce for a rule with this audience: they hold for every caller the audience
    /// admits, so the gateway never refuses what the subgraph would allow. <paramref name="actedForCounts"/> is false
    /// for a root field, which is decided before its own mutation can have acted for anybody.
    /// </summary>
    public AccessDirectives ToDirectives(bool actedForCounts)
    {
        var members = actedForCounts && IncludesActedFor
            ? new AccessAudience(Members.Concat(AuthenticatedRoles.Select(role => new Member(role, null))), includesActedFor: false).Members
            : Members;

        // A rule that admits nobody is refused by the subgraph whatever the gateway says; asking for a signed-in caller
        // is the least surprising thing to print.
        if (members.Count == 0)
        {
            return AccessDirectives.AuthenticatedOnly;
        }

        // An anonymous member, with a scope or not, leaves nothing to ask for: anonymous callers carry no token.
        if (members.Any(member => member.Role == CallerRole.Anonymous))
        {
            return AccessDirectives.None;
        }

        var roles = members.Select(member => member.Role).Distinct().ToList();
        var policies = roles.Count == AuthenticatedRoles.Length
            ? []
            : roles.Select(role => (IReadOnlyList<string>)[AccessDirectives.RolePolicy(role)]).ToList();
        var scopes = members.All(member => member.Scope is not null)
            ? members.Select(member => member.Scope!).Distinct(StringComparer.Ordinal).Select(scope => (IReadOnlyList<string>)[scope]).ToList()
            : [];
        return new AccessDirectives(Authenticated: policies.Count == 0, scopes, policies);
    }

    /// <summary>True when a caller of <paramref name="role"/> holding <paramref name="scopes"/> may be admitted.</summary>
    public bool MayAdmit(CallerRole role, IReadOnlySet<string> scopes, bool actedForCounts)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return (actedForCounts && IncludesActedFor && role != CallerRole.Anonymous)
            || Members.Any(member => member.Role == role && (member.Scope is null || scopes.Contains(member.Scope)));
    }

    public override string ToString()
    {
        var members = Members.Select(member => member.Scope is null
            ? CallerIdentity.NameOf(member.Role)
            : $"{CallerIdentity.NameOf(member.Role)} with {member.Scope}");
        return string.Join(", ", IncludesActedFor ? members.Append("callers a mutation acted for") : members);
    }

    /// <summary>Callers of <paramref name="Role"/>, holding <paramref name="Scope"/> unless it is null.</summary>
    public readonly record struct Member(CallerRole Role, string? Scope);
}
