using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>The callers tests act as; pass one to <see cref="GraphQLClient.As"/> (<c>fixture.As(TestCallers.Agent)</c>).</summary>
public static class TestCallers
{
    public static CallerIdentity Anonymous => CallerIdentity.Anonymous;

    /// <summary>A contact-centre agent, <c>agent-007</c>.</summary>
    public static CallerIdentity Agent { get; } = AgentNamed("agent-007");

    /// <summary>A supervisor, <c>supervisor-01</c>.</summary>
    public static CallerIdentity Supervisor { get; } = new("supervisor-01", CallerRole.Supervisor, null, Scopes());

    /// <summary>An agent with the given subject.</summary>
    public static CallerIdentity AgentNamed(string subject) => new(subject, CallerRole.Agent, null, Scopes());

    /// <summary>The customer <paramref name="customerId"/>, signed in as themselves.</summary>
    public static CallerIdentity Customer(string customerId) => new($"auth0|{customerId}", CallerRole.Customer, customerId, Scopes());

    /// <summary>A partner integrator with a client id and scopes.</summary>
    public static CallerIdentity Partner(string clientId, params string[] scopes) => new($"client|{clientId}", CallerRole.Partner, null, Scopes(scopes), clientId);

    /// <summary>A machine-to-machine caller with scopes.</summary>
    public static CallerIdentity Service(params string[] scopes) => new("svc|worker", CallerRole.Service, null, Scopes(scopes), "worker");

    private static HashSet<string> Scopes(params string[] scopes) => new(scopes, StringComparer.Ordinal);
}
