using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using UCE.Gateway.Tests.Support;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Tests.Transport;

/// <summary>
/// Clients that stop sending their request body halfway, over real sockets on Kestrel: the gateway's doing nothing
/// wrong, so no error lines with stack traces (a burst of stalled uploads used to write thousands of them).
/// </summary>
public sealed class ClientBodyFailureTests
{
    private const string HeadOfAPost =
        "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\n"
        + "Content-Length: 1000\r\n\r\n{\"query\":\"{ hel";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Client_that_stalls_its_body_gets_408_and_is_logged_at_debug_without_an_error()
    {
        var logs = new CapturingLoggerProvider();
        var host = await StartAsync(logs);
        string answer;
        await using (host)
        {
            using var client = await ConnectAsync(host);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(HeadOfAPost));

            // Nothing more is sent: Kestrel's minimum request body data rate ends the wait.
            answer = await ReadUntilClosedAsync(stream);
        }

        AssertLoggedAtDebugOnly(logs);
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("REQUEST_TIMEOUT", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_that_aborts_in_the_middle_of_its_body_is_logged_at_debug_without_an_error()
    {
        var logs = new CapturingLoggerProvider();
        var host = await StartAsync(logs);
        await using (host)
        {
            using (var client = await ConnectAsync(host))
            {
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(HeadOfAPost));

                // A reset, as when the client process dies or its user closes the page.
                client.Client.LingerState = new LingerOption(enable: true, seconds: 0);
            }

            // Kestrel logs the connection's end after the request's handler has returned.
            await GatewayTestHost.WaitUntilAsync(
                () => Task.FromResult(logs.Logs.Any(log => log.EventId.Name == "ConnectionStop")),
                Bound,
                "Kestrel finished with the aborted connection");
        }

        AssertLoggedAtDebugOnly(logs);
    }

    [Fact]
    public async Task Request_after_a_stalled_one_is_served_normally()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await StartAsync(logs);
        using (var stalled = await ConnectAsync(host))
        {
            var stream = stalled.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(HeadOfAPost));
            await ReadUntilClosedAsync(stream);
        }

        using var response = await host.Client.SendAsync(GraphQLHttp.PostQuery("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", (await response.ReadJsonAsync())["data"]!["hello"]!.GetValue<string>());
    }

    private static Task<GatewayTestHost> StartAsync(CapturingLoggerProvider logs) =>
        GatewayTestHost.StartAsync(
            TestSchemas.Greeting,
            configure: builder =>
            {
                logs.AttachTo(builder);

                // Kestrel's default allows a 5 s grace period before the rate applies; the smallest it accepts keeps the test short.
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)));
            },
            overSockets: true);

    private static async Task<TcpClient> ConnectAsync(GatewayTestHost host)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.Address!.Port);
        return client;
    }

    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(Bound);
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }

    /// <summary>The endpoint logged the broken-off request once, at Debug; nothing anywhere logged an error.</summary>
    private static void AssertLoggedAtDebugOnly(CapturingLoggerProvider logs)
    {
        Assert.Empty(logs.AtLeast(LogLevel.Error));
        var line = Assert.Single(logs.From<GraphQLHttpEndpoint>());
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Null(line.Exception);
    }
}
