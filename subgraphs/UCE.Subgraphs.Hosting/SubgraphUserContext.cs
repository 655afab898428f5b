using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting;

/// <summary>The GraphQL user context of one request: the caller's identity and what authorization recorded.</summary>
public sealed class SubgraphUserContext : Dictionary<string, object?>
{
    public SubgraphUserContext(CallerIdentity caller)
        : base(StringComparer.Ordinal)
    {
        Caller = caller;
        Access = new RequestAccess(caller);
    }

    /// <summary>Who is calling, as the gateway forwarded it.</summary>
    public CallerIdentity Caller { get; }

    /// <summary>The request's authorization state: grants of its mutations and the customers' data it touched.</summary>
    public RequestAccess Access { get; }
}
