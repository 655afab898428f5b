namespace UCE.Gateway.Engine.Execution;

/// <summary>Opens subscriptions on subgraphs and yields their events.</summary>
public interface ISubgraphSubscriptionClient
{
    /// <summary>
    /// Sends <paramref name="request"/> as a subscription and yields every result the subgraph streams (a GraphQL response as
    /// UTF-8 JSON) until it completes; cancelling <paramref name="cancellationToken"/> ends the upstream subscription. Throws
    /// <see cref="SubgraphSubscriptionException"/> when the subgraph refuses or ends it with an error, and when the
    /// connection to the subgraph fails or closes under it.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> SubscribeAsync(SubgraphRequest request, CancellationToken cancellationToken);
}

/// <summary>A subgraph refused a subscription, ended it with an error, or the connection carrying it failed.</summary>
public sealed class SubgraphSubscriptionException : Exception
{
    public SubgraphSubscriptionException()
    {
    }

    public SubgraphSubscriptionException(string message)
        : base(message)
    {
    }

    public SubgraphSubscriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The GraphQL errors the subgraph sent with its <c>error</c> message (a JSON array), when it sent one.</summary>
    public ReadOnlyMemory<byte>? Errors { get; init; }
}
