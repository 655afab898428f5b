using Microsoft.Extensions.Options;
using UCE.Gateway.Configuration;
using UCE.Gateway.Security;

namespace UCE.Gateway.Embedded;

/// <summary>Decides whether the gateway runs the embedded default and, if so, starts its subgraphs.</summary>
public static class EmbeddedDefault
{
    /// <summary>
    /// With no supergraph configured, starts the seven UCE subgraphs in this process (the gateway then serves
    /// the committed supergraph, whose URLs are their default ports) and returns them; otherwise <c>null</c>.
    /// </summary>
    public static async Task<EmbeddedSubgraphs?> StartIfNoSupergraphAsync(WebApplication app, GatewayCommandLine commandLine, CancellationToken cancellationToken)
    {
        if (!app.Services.GetRequiredService<IOptions<GatewayHostOptions>>().Value.IsEmbeddedDefault)
        {
            return null;
        }

        var subgraphs = await EmbeddedSubgraphs.CreateAsync(EmbeddedSubgraphCatalog.Modules, commandLine.Customers, Console.Out, ports: null, app.Configuration[IdentitySigningConfiguration.SigningKeysKey]!, cancellationToken);
        await subgraphs.StartAsync(cancellationToken);
        return subgraphs;
    }
}
