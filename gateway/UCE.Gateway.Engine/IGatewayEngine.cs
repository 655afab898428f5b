namespace UCE.Gateway.Engine;

/// <summary>Answers GraphQL requests over the subgraphs of one supergraph.</summary>
public interface IGatewayEngine
{
    /// <summary>Parses, validates, plans (cached) and executes one request.</summary>
    ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken);
}
