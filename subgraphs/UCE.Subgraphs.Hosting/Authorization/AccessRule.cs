namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Who may see a value or run a field. Attach one to a field (<c>.Authorize(rule)</c>, checked before its resolver runs)
/// or to an object type (<c>this.Authorize(rule)</c>, checked on every object of that type however it was reached).
/// Build rules with <see cref="Access"/>.
/// </summary>
public sealed class AccessRule
{
    private readonly Func<AccessRequest, ValueTask<AccessDecision>> evaluate;
    private readonly Action<AccessRequest>? prepare;

    /// <param name="description">Who the rule lets in, in words.</param>
    /// <param name="evaluate">The decision.</param>
    /// <param name="prepare">
    /// Queues the data loader keys <paramref name="evaluate"/> will ask for (an owner lookup). A field with such a rule
    /// is decided with the data loaders of its level, so twenty aliased root fields still look their owners up in one query.
    /// </param>
    /// <param name="audience">
    /// Whom the rule may let in by role and scopes (<see cref="Audience"/>); without it the rule is taken to admit
    /// everybody, and the gateway is told nothing of it.
    /// </param>
    public AccessRule(string description, Func<AccessRequest, ValueTask<AccessDecision>> evaluate, Action<AccessRequest>? prepare = null, AccessAudience? audience = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Description = description;
        this.evaluate = evaluate ?? throw new ArgumentNullException(nameof(evaluate));
        this.prepare = prepare;
        Audience = audience ?? AccessAudience.Everyone;
    }

    /// <summary>Who the rule lets in, in words (the role matrix in the docs is printed from these).</summary>
    public string Description { get; }

    /// <summary>Every caller the rule may admit, judged by role and scopes alone; the rule never admits anybody else.</summary>
    public AccessAudience Audience { get; }

    /// <summary>True when the rule looks something up through data loaders (see the constructor's <c>prepare</c>).</summary>
    public bool LooksUp => prepare is not null;

    public ValueTask<AccessDecision> EvaluateAsync(AccessRequest request) => evaluate(request);

    /// <summary>Queues the rule's lookups without waiting for them.</summary>
    public void Prepare(AccessRequest request) => prepare?.Invoke(request);

    /// <summary>
    /// The rule's declarative equivalent where it is attached: the strongest <c>@authenticated</c>, <c>@requiresScopes</c>
    /// and <c>@policy</c> that still hold for every caller the rule may admit. The subgraph's SDL carries it, so the gateway
    /// refuses early what the subgraph would refuse anyway; ownership and consent stay with the rule.
    /// </summary>
    public AccessDirectives DirectivesFor(AccessRuleTarget target) =>
        Audience.ToDirectives(actedForCounts: target != AccessRuleTarget.RootField);

    /// <summary>Allowed when this rule or <paramref name="other"/> allows; the first decision that names a customer is kept.</summary>
    public AccessRule Or(AccessRule other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AccessRule($"{Description}; or {other.Description}", async request =>
        {
            var first = await EvaluateAsync(request).ConfigureAwait(false);
            if (first.Allowed)
            {
                return first;
            }

            var second = await other.EvaluateAsync(request).ConfigureAwait(false);
            return second with { CustomerId = second.CustomerId ?? first.CustomerId };
        }, LooksUp || other.LooksUp ? request => { Prepare(request); other.Prepare(request); } : null, Audience.Or(other.Audience));
    }

    /// <summary>
    /// The same decision, about the customer <paramref name="customerOf"/> names in the field's arguments: an agent's use
    /// is logged for that customer, and a mutation may show that customer's objects in its payload.
    /// </summary>
    public AccessRule About(Func<GraphQL.IResolveFieldContext, string?> customerOf)
    {
        ArgumentNullException.ThrowIfNull(customerOf);
        return new AccessRule(Description, async request =>
        {
            var decision = await EvaluateAsync(request).ConfigureAwait(false);
            return decision.CustomerId is null && request.Field is { } field ? decision with { CustomerId = customerOf(field) } : decision;
        }, prepare, Audience);
    }

    public override string ToString() => Description;
}
