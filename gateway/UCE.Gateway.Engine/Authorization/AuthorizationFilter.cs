using System.Collections.Concurrent;
using System.Text;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Authorization;

/// <summary>
/// The request step between validation and planning that applies <c>@authenticated</c>, <c>@requiresScopes</c> and
/// <c>@policy</c>: it finds the selections the caller may not make, and gives the operation without them (to plan),
/// the key that tells plans for different removals apart, and one error per removed selection.
/// </summary>
internal sealed class AuthorizationFilter(AuthorizationRules rules, IPolicyEvaluator evaluator)
{
    private const int MaxFilteredVariantsPerOperation = 64;

    /// <summary>True when no selection of the operation carries an access rule: every caller gets the same selections.</summary>
    public bool IsOpen(AuthorizationState state, GraphQLOperationDefinition operation, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments) =>
        Guarded(state, operation, fragments).IsOpen;

    /// <summary>Checks <paramref name="caller"/> against the operation; <see cref="AuthorizationOutcome.Allowed"/> when nothing is removed.</summary>
    public AuthorizationOutcome Apply(AuthorizationState state, GraphQLOperationDefinition operation, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, GatewayCaller? caller)
    {
        var guarded = Guarded(state, operation, fragments);

        if (guarded.IsOpen)
        {
            return AuthorizationOutcome.Allowed;
        }

        var access = new AccessContext(caller ?? GatewayCaller.Anonymous, evaluator);
        if (guarded.Root is { } root && !root.Allows(access))
        {
            return new AuthorizationOutcome(string.Empty, [[]], null, OperationRemoved: true, AuthorizationOutcome.NoFields);
        }

        // Most callers meet every rule: the common case allocates nothing beyond the context.
        List<int>? failed = null;
        bool[]? removed = null;
        var guards = guarded.Guards;
        for (var i = 0; i < guards.Count; i++)
        {
            var guard = guards[i];
            if (removed is not null && guard.Parent >= 0 && removed[guard.Parent])
            {
                removed[i] = true;
                continue;
            }

            if (!guard.Rule.Allows(access))
            {
                removed ??= new bool[guards.Count];
                removed[i] = true;
                (failed ??= []).Add(i);
            }
        }

        if (failed is null)
        {
            return AuthorizationOutcome.Allowed;
        }

        var key = new StringBuilder();
        foreach (var index in failed)
        {
            key.Append(index).Append(',');
        }

        var removal = state.Filtered.TryGetValue((operation, key.ToString()), out var cached)
            ? cached
            : FilteredOperation.Build(operation, fragments, new HashSet<object>(failed.Select(i => (object)guards[i].Node), ReferenceEqualityComparer.Instance));
        if (cached is null && state.Filtered.Count < MaxFilteredVariantsPerOperation * Math.Max(1, state.Guarded.Count))
        {
            state.Filtered.TryAdd((operation, key.ToString()), removal);
        }

        return new AuthorizationOutcome(key.ToString(), failed.Select(i => guards[i].Path).ToList(), removal.Document, removal.Document is null, removal.RemovedFields);
    }

    private GuardedOperation Guarded(AuthorizationState state, GraphQLOperationDefinition operation, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments) =>
        state.Guarded.TryGetValue(operation, out var guarded)
            ? guarded
            : state.Guarded.GetOrAdd(operation, GuardedOperation.Find(rules, operation, fragments));
}

/// <summary>What the filter computed for one document: guards per operation and operations filtered per removal.</summary>
internal sealed class AuthorizationState
{
    public ConcurrentDictionary<GraphQLOperationDefinition, GuardedOperation> Guarded { get; } = new(ReferenceEqualityComparer.Instance);

    public ConcurrentDictionary<(GraphQLOperationDefinition, string), FilteredOperation> Filtered { get; } = new();
}

/// <summary>
/// The filter's verdict for one request.
/// </summary>
/// <param name="RemovalKey">Empty when nothing is removed; otherwise identifies the removed selections (part of the plan cache key).</param>
/// <param name="ErrorPaths">One path per removed selection (response names, <c>@</c> for list items, <c>... on T</c> for a fragment).</param>
/// <param name="Document">The document to plan when selections were removed (one operation, its fragments).</param>
/// <param name="OperationRemoved">True when nothing of the operation is left: answer <c>data: null</c> without planning.</param>
/// <param name="RemovedFields">Field nodes left out (directly, inside removed selections, or emptied): no non-null error for them.</param>
internal sealed record AuthorizationOutcome(
    string RemovalKey,
    IReadOnlyList<string[]> ErrorPaths,
    GraphQLDocument? Document,
    bool OperationRemoved,
    IReadOnlySet<object> RemovedFields)
{
    public static IReadOnlySet<object> NoFields { get; } = new HashSet<object>();

    public static AuthorizationOutcome Allowed { get; } = new(string.Empty, [], null, false, NoFields);

    public bool RemovesAnything => ErrorPaths.Count > 0;
}
