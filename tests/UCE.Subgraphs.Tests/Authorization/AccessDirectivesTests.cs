using GraphQL;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>
/// Each <see cref="Access"/> rule's declarative equivalent, the directives the subgraph's SDL gives the gateway: what
/// it is, and that it never refuses a caller the rule lets in (every role and scope set, in every situation the rule
/// may meet: its own customer's data or another's, an owner found or not, a mutation that acted for the customer).
/// </summary>
public sealed class AccessDirectivesTests
{
    private const string Customer = "cus-000001";
    private const string OtherCustomer = "cus-000002";

    private static readonly string[] KnownScopes =
        [AccessScopes.OutagesRead, AccessScopes.ProductsRead, AccessScopes.UsageRead, AccessScopes.NotificationsSend, AccessScopes.OutagesWrite];

    private const string CustomerStaff = """@policy(policies: [["role:customer"], ["role:agent"], ["role:supervisor"]])""";

    /// <summary>Every rule the policy API builds, where it is attached, and the directives it must give there.</summary>
    private static readonly Dictionary<string, (AccessRule Rule, AccessRuleTarget Target, string Directives)> Cases = new(StringComparer.Ordinal)
    {
        ["anyone"] = (Access.Anyone, AccessRuleTarget.RootField, ""),
        ["anyone on a type"] = (Access.Anyone, AccessRuleTarget.ObjectType, ""),
        ["staff"] = (Access.Staff, AccessRuleTarget.RootField, """@policy(policies: [["role:agent"], ["role:supervisor"]])"""),
        ["staff on a nested field"] = (Access.Staff, AccessRuleTarget.Field, """@policy(policies: [["role:agent"], ["role:supervisor"]])"""),
        ["supervisors"] = (Access.Supervisors, AccessRuleTarget.RootField, """@policy(policies: [["role:supervisor"]])"""),
        ["supervisors about a customer"] = (Access.Supervisors.About(_ => OtherCustomer), AccessRuleTarget.RootField, """@policy(policies: [["role:supervisor"]])"""),
        ["customers and staff"] = (Access.CustomersAndStaff, AccessRuleTarget.RootField, CustomerStaff),
        ["public data"] = (Access.PublicData(AccessScopes.ProductsRead), AccessRuleTarget.RootField, ""),
        ["public data on a type"] = (Access.PublicData(AccessScopes.OutagesRead), AccessRuleTarget.ObjectType, ""),
        ["partner"] = (Access.Partner(AccessScopes.OutagesRead), AccessRuleTarget.Field,
            """@requiresScopes(scopes: [["outages:read"]]) @policy(policies: [["role:partner"]])"""),
        ["service"] = (Access.Service(AccessScopes.NotificationsSend), AccessRuleTarget.RootField,
            """@requiresScopes(scopes: [["notifications:send"]]) @policy(policies: [["role:service"]])"""),
        ["staff or partner with a scope"] = (Access.Staff.Or(Access.Partner(AccessScopes.OutagesRead)), AccessRuleTarget.Field,
            """@policy(policies: [["role:agent"], ["role:partner"], ["role:supervisor"]])"""),
        ["service with a scope or staff, about a customer"] = (
            Access.Service(AccessScopes.NotificationsSend).Or(Access.Staff).About(_ => OtherCustomer), AccessRuleTarget.RootField,
            """@policy(policies: [["role:agent"], ["role:service"], ["role:supervisor"]])"""),
        ["customer argument on a root field"] = (Access.CustomerArgument(_ => Customer), AccessRuleTarget.RootField, CustomerStaff),
        ["customer argument on a nested field"] = (Access.CustomerArgument(_ => Customer), AccessRuleTarget.Field, "@authenticated"),
        ["customer owning, looked up"] = (Access.CustomerOwning("the thing", _ => DataLoaderResult.FromValue<string?>(Customer)), AccessRuleTarget.RootField, CustomerStaff),
        ["customer owning, awaited"] = (Access.CustomerOwning("the thing", _ => ValueTask.FromResult<string?>(Customer)), AccessRuleTarget.RootField, CustomerStaff),
        ["customer owning, nothing found"] = (Access.CustomerOwning("the thing", _ => ValueTask.FromResult<string?>(null)), AccessRuleTarget.RootField, CustomerStaff),
        ["customer data on a type"] = (Access.CustomerData<Owned>(owned => owned.CustomerId), AccessRuleTarget.ObjectType, "@authenticated"),
        ["consented partner on a type"] = (Access.ConsentedPartner<Owned>(AccessScopes.UsageRead, owned => owned.CustomerId, (_, _) => ValueTask.FromResult(true)),
            AccessRuleTarget.ObjectType, """@requiresScopes(scopes: [["usage:read"]]) @policy(policies: [["role:partner"]])"""),
        ["customer data or consented partner on a type"] = (
            Access.CustomerData<Owned>(owned => owned.CustomerId).Or(Access.ConsentedPartner<Owned>(AccessScopes.UsageRead, owned => owned.CustomerId, (_, _) => ValueTask.FromResult(true))),
            AccessRuleTarget.ObjectType, "@authenticated"),
        ["customer owning or consented partner on a root field"] = (
            Access.CustomerOwning("the meter", _ => DataLoaderResult.FromValue<string?>(Customer))
                .Or(Access.ConsentedPartner(AccessScopes.UsageRead, _ => DataLoaderResult.FromValue<string?>(Customer), (_, _) => ValueTask.FromResult(true))),
            AccessRuleTarget.RootField, """@policy(policies: [["role:customer"], ["role:agent"], ["role:partner"], ["role:supervisor"]])"""),
        ["anonymous callers or the owner"] = (
            Access.Roles("anonymous callers", CallerRole.Anonymous).Or(Access.CustomerOwning("the location", _ => ValueTask.FromResult<string?>(Customer))),
            AccessRuleTarget.RootField, ""),
        ["every signed-in role"] = (
            Access.Roles("signed in", CallerRole.Customer, CallerRole.Agent, CallerRole.Partner, CallerRole.Service, CallerRole.Supervisor),
            AccessRuleTarget.RootField, "@authenticated"),
        ["a rule that states no audience"] = (
            new AccessRule("hand-made", request => ValueTask.FromResult(new AccessDecision(request.Caller.Role == CallerRole.Agent, null))),
            AccessRuleTarget.RootField, ""),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_rule_states_the_strongest_directives_it_implies(string name)
    {
        var (rule, target, expected) = Cases[name];

        Assert.Equal(expected, rule.DirectivesFor(target).ToString());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task No_directive_refuses_a_caller_the_rule_admits(string name)
    {
        var (rule, target, _) = Cases[name];
        var directives = rule.DirectivesFor(target);

        foreach (var (role, scopes) in Callers())
        {
            if (!await AdmitsInSomeSituationAsync(rule, target, role, scopes))
            {
                continue;
            }

            var who = $"{role} with [{string.Join(' ', scopes)}]";
            Assert.True(rule.Audience.MayAdmit(role, scopes, actedForCounts: target != AccessRuleTarget.RootField), $"{name}: the audience leaves out {who}.");
            Assert.True(GatewayAdmits(directives, role, scopes), $"{name}: {directives} refuses {who}, whom the rule admits.");
        }
    }

    [Fact]
    public async Task The_rules_admit_somebody_so_the_comparison_is_not_empty()
    {
        Assert.True(await AdmitsInSomeSituationAsync(Access.Supervisors, AccessRuleTarget.RootField, CallerRole.Supervisor, new HashSet<string>()));
        Assert.False(await AdmitsInSomeSituationAsync(Access.Supervisors, AccessRuleTarget.RootField, CallerRole.Agent, new HashSet<string>()));
        Assert.True(await AdmitsInSomeSituationAsync(Access.CustomerData<Owned>(owned => owned.CustomerId), AccessRuleTarget.ObjectType, CallerRole.Service, new HashSet<string>()));
        Assert.False(await AdmitsInSomeSituationAsync(Access.CustomerData<Owned>(owned => owned.CustomerId), AccessRuleTarget.RootField, CallerRole.Service, new HashSet<string>()));
    }

    [Fact]
    public void An_anonymous_caller_is_never_granted_a_customer_so_customer_data_may_ask_for_a_signed_in_caller()
    {
        var anonymous = new RequestAccess(CallerIdentity.Anonymous);
        var agent = new RequestAccess(new CallerIdentity("agent-1", CallerRole.Agent, null, new HashSet<string>()));

        anonymous.Grant("root", Customer);
        agent.Grant("root", Customer);

        Assert.False(anonymous.IsGranted("root", Customer));
        Assert.True(agent.IsGranted("root", Customer));
    }

    /// <summary>Every role with every set of the known scopes; anonymous callers carry none (the gateway forwards none).</summary>
    private static IEnumerable<(CallerRole Role, IReadOnlySet<string> Scopes)> Callers()
    {
        yield return (CallerRole.Anonymous, new HashSet<string>(StringComparer.Ordinal));
        foreach (var role in Enum.GetValues<CallerRole>().Where(role => role != CallerRole.Anonymous))
        {
            for (var mask = 0; mask < 1 << KnownScopes.Length; mask++)
            {
                yield return (role, KnownScopes.Where((_, bit) => (mask & (1 << bit)) != 0).ToHashSet(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>
    /// True when the rule lets the caller in for some data: the caller's own customer, another one, or none found; and,
    /// except on a root field, after a mutation of the request acted for that customer.
    /// </summary>
    private static async Task<bool> AdmitsInSomeSituationAsync(AccessRule rule, AccessRuleTarget target, CallerRole role, IReadOnlySet<string> scopes)
    {
        var caller = new CallerIdentity("subject", role, role == CallerRole.Customer ? Customer : null, scopes, ClientId: "client-1");
        foreach (var owner in (string?[])[Customer, OtherCustomer, null])
        {
            foreach (var actedFor in target == AccessRuleTarget.RootField ? [false] : (bool[])[false, true])
            {
                var access = new RequestAccess(caller);
                if (actedFor && owner is not null)
                {
                    access.Grant("root", owner);
                }

                IResolveFieldContext? field = target == AccessRuleTarget.ObjectType ? null : new ResolveFieldContext();
                var value = target == AccessRuleTarget.RootField ? null : new Owned(owner);
                var request = new AccessRequest(caller, value, field, EmptyServices.Instance, access, "root", CancellationToken.None);
                rule.Prepare(request);
                if ((await rule.EvaluateAsync(request)).Allowed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What the gateway decides from the directives with its default policy evaluator (<c>role:&lt;name&gt;</c>).</summary>
    private static bool GatewayAdmits(AccessDirectives directives, CallerRole role, IReadOnlySet<string> scopes)
    {
        var authenticated = role != CallerRole.Anonymous;
        return (!directives.Authenticated || authenticated)
            && (directives.Scopes.Count == 0 || (authenticated && directives.Scopes.Any(set => set.All(scopes.Contains))))
            && (directives.Policies.Count == 0 || directives.Policies.Any(set => set.All(policy => policy == AccessDirectives.RolePolicy(role))));
    }

    private sealed record Owned(string? CustomerId);

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}
