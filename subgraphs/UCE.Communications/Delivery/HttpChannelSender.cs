using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace UCE.Communications.Delivery;

/// <summary>
/// SMS and push through a provider's HTTP endpoint: one JSON POST per message
/// (<c>{ "id", "channel", "topic", "to", "subject", "body" }</c>) with the configured <c>Authorization</c> header and the
/// notification id as <c>Idempotency-Key</c>. 2xx is delivered; 408, 429, 5xx and no answer are worth another attempt; any
/// other status is final.
/// </summary>
public sealed class HttpChannelSender(HttpClient http, HttpProviderOptions options) : IChannelSender
{
    private const int ReasonBodyLength = 200;

    public string Description => options.Url!;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new
            {
                id = message.NotificationId,
                channel = message.Channel.ToString().ToUpperInvariant(),
                topic = message.Topic.ToString().ToUpperInvariant(),
                to = message.Address,
                subject = message.Subject,
                body = message.Body,
            }),
        };
        request.Headers.Add("Idempotency-Key", message.NotificationId);
        if (!string.IsNullOrWhiteSpace(options.Authorization))
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(options.Authorization);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Sent;
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var reason = $"HTTP {(int)response.StatusCode}: {(body.Length > ReasonBodyLength ? body[..ReasonBodyLength] : body)}".TrimEnd(' ', ':');
            var status = response.StatusCode;
            return status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500
                ? DeliveryResult.Transient(reason)
                : DeliveryResult.Permanent(reason);
        }
        catch (HttpRequestException error)
        {
            return DeliveryResult.Transient($"{options.Url}: {error.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"{options.Url}: no answer within {options.Timeout.TotalSeconds:0} s");
        }
    }
}
