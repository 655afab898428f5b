namespace UCE.Gateway.Engine;

/// <summary>Answers GraphQL requests over the subgraphs of one supergraph.</summary>
public interface IGatewayEngine
{
    /// <summary>Parses, validates, plans (cached) and executes one request.</summary>
    ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one request as a stream: a subscription yields a response per event until its source completes or
    /// <paramref name="cancellationToken"/> is cancelled; anything else (and any refusal) yields one response.
    /// </summary>
    IAsyncEnumerable<GatewayResponse> SubscribeAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        Once(ExecuteAsync(request, cancellationToken));

    private static async IAsyncEnumerable<GatewayResponse> Once(ValueTask<GatewayResponse> response)
    {
        yield return await response.ConfigureAwait(false);
    }
}
