using Microsoft.Extensions.Logging;
using UCE.Communications.Data;

namespace UCE.Communications.Delivery;

/// <summary>
/// The provider of a channel that has none configured (the embedded default): the message is written to the log and counts
/// as sent, so the whole flow runs without mail servers or SMS accounts.
/// </summary>
public sealed class LogChannelSender(Channel channel, ILogger logger) : IChannelSender
{
    public string Description => "the log";

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Subject is null ? message.Body : $"{message.Subject} | {message.Body}";
        logger.LogInformation(
            "{Channel} {NotificationId} to {Address} (no provider configured, logged as sent): {Text}",
            channel.ToString().ToUpperInvariant(), message.NotificationId, message.Address, text);
        return Task.FromResult(DeliveryResult.Sent);
    }
}
