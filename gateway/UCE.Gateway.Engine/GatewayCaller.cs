namespace UCE.Gateway.Engine;

/// <summary>
/// Who is calling, as the host authenticated them: the role picks operation limits, and the scopes and policies decide
/// which <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c> fields the caller may select.
/// </summary>
/// <param name="Role">The role name (<c>anonymous</c>, <c>customer</c>, <c>agent</c> …).</param>
/// <param name="IsAuthenticated">True when a valid token was presented.</param>
/// <param name="Scopes">The token's scopes.</param>
public sealed record GatewayCaller(string Role, bool IsAuthenticated, IReadOnlySet<string> Scopes)
{
    /// <summary>A caller without a token.</summary>
    public static GatewayCaller Anonymous { get; } = new("anonymous", false, new HashSet<string>(StringComparer.Ordinal));
}
