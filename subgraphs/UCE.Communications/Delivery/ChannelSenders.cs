using Microsoft.Extensions.Logging;
using UCE.Communications.Data;

namespace UCE.Communications.Delivery;

/// <summary>The provider of each channel: SMTP and the HTTP providers where configured, the log elsewhere.</summary>
public sealed class ChannelSenders
{
    /// <summary>The named <see cref="HttpClient"/> of the SMS and push providers.</summary>
    public const string HttpClientName = "uce-notifications";

    private readonly Dictionary<Channel, IChannelSender> senders;

    public ChannelSenders(NotificationOptions options, IHttpClientFactory httpClients, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger<ChannelSenders>();
        senders = new Dictionary<Channel, IChannelSender>
        {
            [Channel.Email] = options.Smtp.IsConfigured ? new SmtpEmailSender(options.Smtp) : new LogChannelSender(Channel.Email, logger),
            [Channel.Sms] = options.Sms.IsConfigured ? new HttpChannelSender(httpClients.CreateClient(HttpClientName), options.Sms) : new LogChannelSender(Channel.Sms, logger),
            [Channel.Push] = options.Push.IsConfigured ? new HttpChannelSender(httpClients.CreateClient(HttpClientName), options.Push) : new LogChannelSender(Channel.Push, logger),
        };
    }

    /// <summary>The provider of <paramref name="channel"/>.</summary>
    public IChannelSender For(Channel channel) => senders[channel];
}
