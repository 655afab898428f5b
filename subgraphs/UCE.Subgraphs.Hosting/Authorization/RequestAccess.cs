using System.Collections.Concurrent;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// One request's authorization state: who calls, which customers its mutations acted for (their payloads may be read),
/// and which customers' data an agent or supervisor touched under which root fields (the access log of the request).
/// Fields resolve concurrently, so everything here is thread-safe.
/// </summary>
public sealed class RequestAccess
{
    private readonly ConcurrentDictionary<(string RootField, string CustomerId), byte> grants = new();
    private readonly ConcurrentDictionary<(string CustomerId, string RootField), bool> touched = new();

    public RequestAccess(CallerIdentity caller)
    {
        Caller = caller ?? throw new ArgumentNullException(nameof(caller));
    }

    public CallerIdentity Caller { get; }

    /// <summary>True for the roles whose every access to customer data is logged: agents and supervisors.</summary>
    public bool IsAudited => Caller.Role is CallerRole.Agent or CallerRole.Supervisor;

    /// <summary>The customers' data this request touched, by root field; true where access was refused.</summary>
    public IReadOnlyDictionary<(string CustomerId, string RootField), bool> Touched => touched;

    /// <summary>
    /// Lets the payload under <paramref name="rootField"/> show <paramref name="customerId"/>'s objects. Never for an
    /// anonymous caller: nothing ties them to a customer, and the rules' declarative equivalents count on it
    /// (<see cref="AccessAudience.IncludesActedFor"/>).
    /// </summary>
    internal void Grant(string rootField, string customerId)
    {
        if (Caller.Role != CallerRole.Anonymous)
        {
            grants.TryAdd((rootField, customerId), 0);
        }
    }

    internal bool IsGranted(string rootField, string customerId) => grants.ContainsKey((rootField, customerId));

    internal void Record(string rootField, AccessDecision decision)
    {
        if (IsAudited && decision.CustomerId is { } customerId)
        {
            touched.AddOrUpdate((customerId, rootField), !decision.Allowed, (_, refused) => refused || !decision.Allowed);
        }
    }
}
