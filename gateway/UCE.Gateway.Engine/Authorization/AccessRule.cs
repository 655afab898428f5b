namespace UCE.Gateway.Engine.Authorization;

/// <summary>
/// What a type or field asks of the caller (<c>@authenticated</c>, <c>@requiresScopes</c>, <c>@policy</c>): every part
/// must hold. Each scope or policy condition is a list of alternatives (OR) of sets (AND), as the directives write it:
/// <c>[["a", "b"], ["c"]]</c> is (a AND b) OR c; an empty condition always holds.
/// </summary>
public sealed class AccessRule
{
    internal AccessRule(bool authenticated, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> scopes, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> policies)
    {
        Authenticated = authenticated;
        Scopes = scopes;
        Policies = policies;
    }

    /// <summary>True when the caller must be authenticated.</summary>
    public bool Authenticated { get; }

    /// <summary>Scope conditions, each of which must hold.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Scopes { get; }

    /// <summary>Policy conditions, each of which must hold.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Policies { get; }

    /// <summary>Both rules; <c>null</c> when neither asks anything.</summary>
    public static AccessRule? Both(AccessRule? first, AccessRule? second)
    {
        if (first is null || ReferenceEquals(first, second))
        {
            return second;
        }

        if (second is null)
        {
            return first;
        }

        return new AccessRule(
            first.Authenticated || second.Authenticated,
            [.. first.Scopes, .. second.Scopes.Where(s => !first.Scopes.Contains(s))],
            [.. first.Policies, .. second.Policies.Where(p => !first.Policies.Contains(p))]);
    }

    /// <summary>True when <paramref name="access"/>'s caller meets the rule.</summary>
    internal bool Allows(AccessContext access)
    {
        if (Authenticated && !access.Caller.IsAuthenticated)
        {
            return false;
        }

        // Indexed loops: a foreach over these interfaces would allocate an enumerator per list on every request.
        for (var i = 0; i < Scopes.Count; i++)
        {
            if (!Holds(Scopes[i], access, policies: false))
            {
                return false;
            }
        }

        for (var i = 0; i < Policies.Count; i++)
        {
            if (!Holds(Policies[i], access, policies: true))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(IReadOnlyList<IReadOnlyList<string>> alternatives, AccessContext access, bool policies)
    {
        // As Apollo Router: an empty list of alternatives, or an empty set, always holds.
        if (alternatives.Count == 0)
        {
            return true;
        }

        for (var a = 0; a < alternatives.Count; a++)
        {
            var set = alternatives[a];
            var all = true;
            for (var i = 0; i < set.Count; i++)
            {
                if (!(policies ? access.Policy(set[i]) : access.Caller.Scopes.Contains(set[i])))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One request's caller and its policy answers (each policy evaluated once per request).</summary>
internal sealed class AccessContext(GatewayCaller caller, IPolicyEvaluator evaluator)
{
    private Dictionary<string, bool>? _policies;

    public GatewayCaller Caller { get; } = caller;

    public bool Policy(string name)
    {
        _policies ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!_policies.TryGetValue(name, out var holds))
        {
            holds = evaluator.Evaluate(name, Caller);
            _policies[name] = holds;
        }

        return holds;
    }
}
