using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting;

/// <summary>The GraphQL user context of one request: the caller's identity.</summary>
public sealed class SubgraphUserContext : Dictionary<string, object?>
{
    public SubgraphUserContext(CallerIdentity caller)
        : base(StringComparer.Ordinal)
    {
        Caller = caller;
    }

    /// <summary>Who is calling, as the gateway forwarded it.</summary>
    public CallerIdentity Caller { get; }
}
