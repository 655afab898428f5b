using System.Net.Http.Json;
using System.Text.Json;

namespace UCE.Gateway.Composition.Configuration;

/// <summary>Reads a running subgraph's SDL with the federation query <c>{ _service { sdl } }</c>.</summary>
public static class SubgraphIntrospection
{
    public static async Task<string> FetchSdlAsync(HttpClient client, Uri url, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync(url, new { query = "query SubgraphIntrospectQuery { _service { sdl } }" }, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} to _service {{ sdl }}");
        }

        using var json = JsonDocument.Parse(body);
        if (json.RootElement.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("_service", out var service)
            && service.ValueKind == JsonValueKind.Object
            && service.TryGetProperty("sdl", out var sdl)
            && sdl.ValueKind == JsonValueKind.String)
        {
            return sdl.GetString()!;
        }

        throw new HttpRequestException($"{url} did not return _service.sdl: {body}");
    }
}
