using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Extensions;

/// <summary>Maps the gateway's endpoints.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>/graphql</c> (every method: the endpoint answers 405 itself, with <c>Allow</c>; a WebSocket upgrade speaks
    /// <c>graphql-transport-ws</c>) and <c>/health</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/graphql", (HttpContext context) => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<GatewayWebSocketEndpoint>().HandleAsync(context)
            : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { AllowCachingResponses = false });
        return endpoints;
    }
}
