namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Who may see a value or run a field. Attach one to a field (<c>.Authorize(rule)</c>, checked before its resolver runs)
/// or to an object type (<c>this.Authorize(rule)</c>, checked on every object of that type however it was reached).
/// Build rules with <see cref="Access"/>.
/// </summary>
public sealed class AccessRule
{
    private readonly Func<AccessRequest, ValueTask<AccessDecision>> evaluate;

    public AccessRule(string description, Func<AccessRequest, ValueTask<AccessDecision>> evaluate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Description = description;
        this.evaluate = evaluate ?? throw new ArgumentNullException(nameof(evaluate));
    }

    /// <summary>Who the rule lets in, in words (the role matrix in the docs is printed from these).</summary>
    public string Description { get; }

    public ValueTask<AccessDecision> EvaluateAsync(AccessRequest request) => evaluate(request);

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
        });
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
        });
    }

    public override string ToString() => Description;
}
