namespace UCE.Gateway.Engine.Execution;

/// <summary>Sends one GraphQL request to one subgraph.</summary>
public interface ISubgraphClient
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns the raw answer. Throws <see cref="SubgraphTimeoutException"/> when the
    /// subgraph's timeout elapses and <see cref="HttpRequestException"/> when it cannot be reached.
    /// </summary>
    Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken);
}

/// <summary>One request to a subgraph: the JSON body (<c>query</c>, <c>operationName</c>, <c>variables</c>) already serialized.</summary>
/// <param name="Subgraph">The subgraph's name.</param>
/// <param name="Url">Where the subgraph listens.</param>
/// <param name="Body">The UTF-8 JSON body.</param>
/// <param name="Headers">Headers forwarded from the client request.</param>
/// <param name="IsMutation">True for a mutation: never shared with another request.</param>
public sealed record SubgraphRequest(
    string Subgraph,
    Uri Url,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string>? Headers,
    bool IsMutation);

/// <summary>A subgraph's answer: HTTP status and the body bytes, not yet parsed (a shared answer is parsed by each reader).</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The body bytes.</param>
public sealed record SubgraphResponse(int StatusCode, ReadOnlyMemory<byte> Body);

/// <summary>The subgraph did not answer within its configured timeout.</summary>
public sealed class SubgraphTimeoutException : Exception
{
    public SubgraphTimeoutException()
    {
    }

    public SubgraphTimeoutException(string message)
        : base(message)
    {
    }

    public SubgraphTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The subgraph is not being called for a while because it failed too often just before (an open circuit); nothing was sent.</summary>
public sealed class SubgraphUnavailableException : Exception
{
    public SubgraphUnavailableException()
    {
    }

    public SubgraphUnavailableException(string message)
        : base(message)
    {
    }

    public SubgraphUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
