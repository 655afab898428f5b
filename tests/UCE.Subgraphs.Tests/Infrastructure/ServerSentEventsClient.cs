using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>One graphql-sse request (distinct connections mode) for tests: POSTs signed, then reads events one by one.</summary>
public sealed class ServerSentEventsClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpResponseMessage response;
    private readonly StreamReader? reader;

    private ServerSentEventsClient(HttpResponseMessage response, StreamReader? reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public HttpStatusCode StatusCode => response.StatusCode;

    public string? MediaType => response.Content.Headers.ContentType?.MediaType;

    /// <summary>POSTs <paramref name="query"/> with <c>Accept: text/event-stream</c>, signed for <paramref name="caller"/> unless <paramref name="sign"/> is false.</summary>
    public static async Task<ServerSentEventsClient> PostAsync(HttpClient http, string query, object? variables = null, CallerIdentity? caller = null, bool sign = true)
    {
        var body = JsonSerializer.Serialize(new { query, variables }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var headers = (caller ?? CallerIdentity.Anonymous).ToHeaders().ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (sign)
        {
            request.Headers.TryAddWithoutValidation(IdentityHeaders.Signature, TestSigning.Sign(headers, body));
        }

        using var timeout = new CancellationTokenSource(GraphQLWebSocketClient.Timeout);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var reader = response.IsSuccessStatusCode ? new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8) : null;
        return new ServerSentEventsClient(response, reader);
    }

    /// <summary>The body of a response that is not a stream.</summary>
    public Task<string> ReadBodyAsync() => response.Content.ReadAsStringAsync();

    /// <summary>The next event (its name and data), or null when the stream ended.</summary>
    public async Task<(string Event, string Data)?> ReadEventAsync()
    {
        using var timeout = new CancellationTokenSource(GraphQLWebSocketClient.Timeout);
        string? name = null;
        var data = new StringBuilder();
        while (await reader!.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    return (name, data.ToString());
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart());
            }
        }

        return null;
    }

    /// <summary>The next event's data as JSON, after checking it is a <c>next</c> event.</summary>
    public async Task<JsonElement> ReadNextAsync()
    {
        var read = await ReadEventAsync() ?? throw new InvalidOperationException("The stream ended.");
        Assert.Equal("next", read.Event);
        return JsonDocument.Parse(read.Data).RootElement;
    }

    public void Dispose()
    {
        reader?.Dispose();
        response.Dispose();
    }
}
