using GraphQL;
using GraphQL.DataLoader;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// The named rules of the policy API. A type that holds customer data carries <see cref="CustomerData{TSource}"/>;
/// root fields and mutations name the customer from their arguments (<see cref="CustomerArgument"/>, or
/// <c>CustomerOwning</c> when the owner has to be looked up); public data names the partner scope that opens it.
/// </summary>
public static class Access
{
    /// <summary>Every caller, anonymous included (federation plumbing, nothing of a customer).</summary>
    public static AccessRule Anyone { get; } = new("anyone", _ => ValueTask.FromResult(AccessDecision.Allow()), audience: AccessAudience.Everyone);

    /// <summary>Agents and supervisors.</summary>
    public static AccessRule Staff { get; } = Roles("agents and supervisors", CallerRole.Agent, CallerRole.Supervisor);

    /// <summary>Supervisors only.</summary>
    public static AccessRule Supervisors { get; } = Roles("supervisors", CallerRole.Supervisor);

    /// <summary>Data anybody may read: anonymous callers, customers, agents, supervisors, and partners holding <paramref name="partnerScope"/>. Services read nothing.</summary>
    public static AccessRule PublicData(string partnerScope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partnerScope);
        return new AccessRule($"anyone but services; partners with {partnerScope}", request => Decide(request.Caller.Role switch
        {
            CallerRole.Partner => request.Caller.HasScope(partnerScope),
            CallerRole.Service => false,
            _ => true,
        }), audience: AccessAudience.Roles(CallerRole.Anonymous, CallerRole.Customer, CallerRole.Agent, CallerRole.Supervisor)
            .Or(AccessAudience.Scoped(CallerRole.Partner, partnerScope)));
    }

    /// <summary>Customers (for their own data, which the object's type rule checks), agents and supervisors.</summary>
    public static AccessRule CustomersAndStaff { get; } =
        Roles("customers (their own), agents and supervisors", CallerRole.Customer, CallerRole.Agent, CallerRole.Supervisor);

    /// <summary>Partners holding <paramref name="scope"/>.</summary>
    public static AccessRule Partner(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new AccessRule($"partners with {scope}", request => Decide(
            request.Caller.Role == CallerRole.Partner && request.Caller.HasScope(scope)), audience: AccessAudience.Scoped(CallerRole.Partner, scope));
    }

    /// <summary>Services (machine-to-machine callers) holding <paramref name="scope"/>.</summary>
    public static AccessRule Service(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new AccessRule($"services with {scope}", request => Decide(
            request.Caller.Role == CallerRole.Service && request.Caller.HasScope(scope)), audience: AccessAudience.Scoped(CallerRole.Service, scope));
    }

    /// <summary>
    /// A customer's data, owned by the customer <paramref name="ownerOf"/> names on the guarded object (a type rule) or on
    /// the parent object (a field rule): that customer, agents and supervisors, and a caller whose mutation in this
    /// request acted for that customer (reading the mutation's payload).
    /// </summary>
    public static AccessRule CustomerData<TSource>(Func<TSource, string?> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        return new AccessRule("the customer it belongs to, agents and supervisors", request =>
            ValueTask.FromResult(request.Value is TSource value ? ForCustomer(request, ownerOf(value)) : AccessDecision.Deny()), audience: ForCustomerAudience);
    }

    /// <summary>A root field or mutation for the customer its arguments name: that customer, agents and supervisors.</summary>
    public static AccessRule CustomerArgument(Func<IResolveFieldContext, string?> customerOf)
    {
        ArgumentNullException.ThrowIfNull(customerOf);
        return new AccessRule("the customer named in the arguments, agents and supervisors", request =>
            ValueTask.FromResult(request.Field is { } field ? ForCustomer(request, customerOf(field)) : AccessDecision.Deny()), audience: ForCustomerAudience);
    }

    /// <summary>
    /// A root field or mutation on something a customer owns (the account paid into, the meter read): the owner
    /// <paramref name="ownerOf"/> looks up, agents and supervisors. When nothing is found, agents go on (the resolver
    /// answers "not found") and everybody else is refused, so a customer learns nothing of other customers' ids.
    /// </summary>
    public static AccessRule CustomerOwning(string what, Func<AccessRequest, IDataLoaderResult<string?>> ownerOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(ownerOf);
        return new AccessRule(
            $"the customer who owns {what}, agents and supervisors",
            async request => ForCustomer(request, await ownerOf(request).GetResultAsync(request.CancellationToken).ConfigureAwait(false)),
            request => ownerOf(request),
            ForCustomerAudience);
    }

    /// <inheritdoc cref="CustomerOwning(string, Func{AccessRequest, IDataLoaderResult{string}})"/>
    public static AccessRule CustomerOwning(string what, Func<AccessRequest, ValueTask<string?>> ownerOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(ownerOf);
        return new AccessRule($"the customer who owns {what}, agents and supervisors", async request =>
            ForCustomer(request, await ownerOf(request).ConfigureAwait(false)), audience: ForCustomerAudience);
    }

    /// <summary>
    /// A partner holding <paramref name="scope"/>, for the customer <paramref name="ownerOf"/> names on the guarded object
    /// when that customer consented to the partner's client id (<see cref="CallerIdentity.ClientId"/>).
    /// </summary>
    public static AccessRule ConsentedPartner<TSource>(string scope, Func<TSource, string?> ownerOf, Func<AccessRequest, string, ValueTask<bool>> consented)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        return ConsentedPartner(scope, request => DataLoaderResult.FromValue(request.Value is TSource value ? ownerOf(value) : null), consented);
    }

    /// <summary>
    /// A partner holding <paramref name="scope"/>, for the customer <paramref name="ownerOf"/> looks up when that customer
    /// consented to the partner's client id (<see cref="CallerIdentity.ClientId"/>); <paramref name="consented"/> answers for one customer.
    /// </summary>
    public static AccessRule ConsentedPartner(string scope, Func<AccessRequest, IDataLoaderResult<string?>> ownerOf, Func<AccessRequest, string, ValueTask<bool>> consented)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(ownerOf);
        ArgumentNullException.ThrowIfNull(consented);
        return new AccessRule($"partners with {scope} for customers who consented to them", async request =>
        {
            var caller = request.Caller;
            if (caller.Role != CallerRole.Partner || !caller.HasScope(scope) || caller.ClientId is null)
            {
                return AccessDecision.Deny();
            }

            if (await ownerOf(request).GetResultAsync(request.CancellationToken).ConfigureAwait(false) is not { } customerId)
            {
                return AccessDecision.Deny();
            }

            return new AccessDecision(await consented(request, customerId).ConfigureAwait(false), customerId);
        }, request => ownerOf(request), AccessAudience.Scoped(CallerRole.Partner, scope));
    }

    /// <summary>Callers of the given roles.</summary>
    public static AccessRule Roles(string description, params CallerRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var allowed = roles.ToHashSet();
        return new AccessRule(description, request => Decide(allowed.Contains(request.Caller.Role)), audience: AccessAudience.Roles(roles));
    }

    /// <summary>Whom <see cref="ForCustomer"/> may admit: the customer, agents, supervisors, and callers a mutation acted for.</summary>
    private static AccessAudience ForCustomerAudience { get; } =
        AccessAudience.Roles(CallerRole.Customer, CallerRole.Agent, CallerRole.Supervisor).OrActedFor();

    private static AccessDecision ForCustomer(AccessRequest request, string? customerId)
    {
        var caller = request.Caller;
        if (customerId is null)
        {
            return new AccessDecision(caller.Role is CallerRole.Agent or CallerRole.Supervisor, null);
        }

        return new AccessDecision(caller.MayActFor(customerId) || request.Access.IsGranted(request.RootField, customerId), customerId);
    }

    private static ValueTask<AccessDecision> Decide(bool allowed) =>
        ValueTask.FromResult(allowed ? AccessDecision.Allow() : AccessDecision.Deny());
}
