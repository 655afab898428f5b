using System.Net;
using UCE.Gateway.Authentication;
using UCE.Gateway.Configuration;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Security;

namespace UCE.Gateway.Extensions;

/// <summary>Builds the gateway's web application from its command line and configuration.</summary>
public static class GatewayWebApplication
{
    /// <summary>
    /// Configuration from appsettings.json, environment variables (<c>Gateway__Port</c>) and the command line
    /// (<c>--Gateway:Port=4000</c>), then the <paramref name="commandLine"/>'s own options, then
    /// <paramref name="overrides"/>; <paramref name="configure"/> is a last hook (tests plug in the test server).
    /// </summary>
    public static WebApplication Build(
        GatewayCommandLine commandLine,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. commandLine.HostArguments],
            ApplicationName = typeof(GatewayWebApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(commandLine.ToConfiguration());
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (IdentitySigningConfiguration.GenerateForEmbeddedDefault(builder.Configuration) is { } generated)
        {
            builder.Configuration.AddInMemoryCollection([new(IdentitySigningConfiguration.SigningKeysKey, generated)]);
        }

        var options = builder.Configuration.GetSection(GatewayHostOptions.SectionName).Get<GatewayHostOptions>() ?? new GatewayHostOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = options.Server.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = options.Server.MaxWebSocketConnections;
            kestrel.Limits.KeepAliveTimeout = options.Server.KeepAliveTimeout;
            kestrel.Limits.RequestHeadersTimeout = options.Server.RequestHeadersTimeout;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.Server.MaxRequestHeadersTotalSize;
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
            {
                if (options.Server.WebSocketsAtConnection)
                {
                    listen.Use(next => new Transport.WebSocketUpgradeAtConnection(next, listen.ApplicationServices, options.Server).OnConnectionAsync);
                }
            });
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Server.ShutdownTimeout);
        UCE.Subgraphs.Hosting.Http.ServerBuffers.UseSharedArrayPoolForServerBuffers(builder.Services);
        builder.Services.AddGateway(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Fails here, with the fix in the message, rather than at the first request a subgraph refuses.
        _ = app.Services.GetRequiredService<ISubgraphRequestSigner>();
        _ = app.Services.GetRequiredService<BearerTokenAuthenticator>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.MapGateway();
        return app;
    }
}
