using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using UCE.Gateway.Diagnostics;
using UCE.Gateway.Ide;
using UCE.Gateway.Supergraph;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Extensions;

/// <summary>Maps the gateway's endpoints.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>/graphql</c> (every method: the endpoint answers 405 itself, with <c>Allow</c>; a WebSocket upgrade speaks
    /// <c>graphql-transport-ws</c>), the IDE (<c>/graphql/ui</c>, and its settings beside <c>/graphql</c>, where a browser's
    /// <c>GET</c> gets it too), <c>/health</c> and <c>/metrics</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/graphql", (HttpContext context) => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<GatewayWebSocketEndpoint>().HandleAsync(context)
            : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        string[] readMethods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(GraphQLIdeEndpoint.UiPath + "/{**path}", readMethods, (HttpContext context, string? path) =>
            context.RequestServices.GetRequiredService<GraphQLIdeEndpoint>().HandleUiAsync(context, path));
        endpoints.MapMethods("/graphql/" + GraphQLIdeEndpoint.ConfigurationFile, readMethods, (HttpContext context) =>
            context.RequestServices.GetRequiredService<GraphQLIdeEndpoint>().WriteConfigurationAsync(context));
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { AllowCachingResponses = false, ResponseWriter = SupergraphHealthCheck.WriteAsync });
        endpoints.MapGatewayMetrics();
        return endpoints;
    }
}
