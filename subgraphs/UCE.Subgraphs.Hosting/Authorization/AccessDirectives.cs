using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// The <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c> a field or type carries in the subgraph's SDL,
/// for the gateway to refuse before planning. All that are present must hold; each list is an OR of AND-sets.
/// </summary>
public sealed record AccessDirectives(bool Authenticated, IReadOnlyList<IReadOnlyList<string>> Scopes, IReadOnlyList<IReadOnlyList<string>> Policies)
{
    /// <summary>No directive: the gateway lets every caller through to the subgraph's own check.</summary>
    public static AccessDirectives None { get; } = new(false, [], []);

    /// <summary><c>@authenticated</c> alone.</summary>
    public static AccessDirectives AuthenticatedOnly { get; } = new(true, [], []);

    public bool IsEmpty => !Authenticated && Scopes.Count == 0 && Policies.Count == 0;

    /// <summary>The policy the gateway's default evaluator holds for callers of <paramref name="role"/>: <c>role:agent</c>.</summary>
    public static string RolePolicy(CallerRole role) => "role:" + CallerIdentity.NameOf(role);

    /// <summary>The directives as they read in SDL, e.g. <c>@policy(policies: [["role:supervisor"]])</c>; empty for none.</summary>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Authenticated)
        {
            parts.Add("@authenticated");
        }

        if (Scopes.Count > 0)
        {
            parts.Add($"@requiresScopes(scopes: {Print(Scopes)})");
        }

        if (Policies.Count > 0)
        {
            parts.Add($"@policy(policies: {Print(Policies)})");
        }

        return string.Join(' ', parts);
    }

    public bool Equals(AccessDirectives? other) =>
        other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string Print(IReadOnlyList<IReadOnlyList<string>> sets) =>
        "[" + string.Join(", ", sets.Select(set => "[" + string.Join(", ", set.Select(item => $"\"{item}\"")) + "]")) + "]";
}
