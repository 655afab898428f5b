using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace UCE.Gateway.Composition.Tests;

public sealed class SubgraphUrlTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("uce-compose-url-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Compose_reads_a_running_subgraph_schema_over_http()
    {
        const string Sdl = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
            type Outage @key(fields: "id") { id: ID! cause: String }
            type Query { outage(id: ID!): Outage }
            """;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = ServeOneRequestAsync(listener, JsonSerializer.Serialize(new { data = new { _service = new { sdl = Sdl } } }), cancellation.Token);
        var config = Path.Combine(directory, "supergraph.yaml");
        var output = Path.Combine(directory, "supergraph.graphql");
        await File.WriteAllTextAsync(config, $"subgraphs:\n  outages:\n    routing_url: http://outages.internal/graphql\n    schema:\n      subgraph_url: http://127.0.0.1:{port}/graphql\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await ComposeCommand.RunAsync(["--config", config, "--out", output], stdout, stderr);
        var request = await server;

        Assert.Equal(0, exitCode);
        Assert.Contains("_service { sdl }", request, StringComparison.Ordinal);
        var supergraph = await File.ReadAllTextAsync(output);
        Assert.Contains("OUTAGES @join__graph(name: \"outages\", url: \"http://outages.internal/graphql\")", supergraph, StringComparison.Ordinal);
        Assert.Contains("cause: String", supergraph, StringComparison.Ordinal);
    }

    /// <summary>A minimal HTTP/1.1 responder: reads one request (headers and Content-Length body) and answers with JSON.</summary>
    private static async Task<string> ServeOneRequestAsync(TcpListener listener, string json, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[64 * 1024];
        var received = new StringBuilder();
        int headerEnd;
        while ((headerEnd = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var headers = received.ToString()[..Math.Max(headerEnd, 0)];
        var lengthLine = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        while (Encoding.UTF8.GetByteCount(received.ToString()[(headerEnd + 4)..]) < length)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var body = Encoding.UTF8.GetBytes(json);
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return received.ToString();
    }
}
