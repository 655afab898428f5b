namespace UCE.Gateway.Engine.Authorization;

/// <summary>Decides whether a <c>@policy</c> name holds for a caller; the host supplies its own through <see cref="GatewayOptions.PolicyEvaluator"/>.</summary>
public interface IPolicyEvaluator
{
    /// <summary>True when <paramref name="policy"/> holds for <paramref name="caller"/>. Called at most once per policy and request.</summary>
    bool Evaluate(string policy, GatewayCaller caller);
}

/// <summary>
/// The default evaluator: <c>role:&lt;name&gt;</c> holds when the caller's role is <c>&lt;name&gt;</c> (ordinal,
/// case-insensitive, as role limits are); every other policy is denied.
/// </summary>
public sealed class RolePolicyEvaluator : IPolicyEvaluator
{
    private const string RolePrefix = "role:";

    public static RolePolicyEvaluator Instance { get; } = new();

    public bool Evaluate(string policy, GatewayCaller caller)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(caller);
        return policy.StartsWith(RolePrefix, StringComparison.Ordinal)
            && string.Equals(policy[RolePrefix.Length..], caller.Role, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>An evaluator from a function (<c>(policy, caller) =&gt; bool</c>).</summary>
public sealed class DelegatePolicyEvaluator(Func<string, GatewayCaller, bool> evaluate) : IPolicyEvaluator
{
    public bool Evaluate(string policy, GatewayCaller caller) => evaluate(policy, caller);
}
