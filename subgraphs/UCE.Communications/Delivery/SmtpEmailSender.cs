using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace UCE.Communications.Delivery;

/// <summary>
/// E-mail over SMTP with MailKit, one connection per message. The server's answer decides: a 4xx reply (mailbox busy, greylisting)
/// or no answer at all is worth another attempt, a 5xx reply (no such mailbox, refused) is final.
/// </summary>
public sealed class SmtpEmailSender(SmtpOptions options) : IChannelSender
{
    public string Description => $"smtp://{options.Host}:{options.Port}";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MimeMessage mime;
        try
        {
            mime = Compose(message);
        }
        catch (ParseException error)
        {
            return DeliveryResult.Permanent($"The address '{message.Address}' is not an e-mail address: {error.Message}");
        }

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return DeliveryResult.Sent;
        }
        catch (SmtpCommandException error)
        {
            var code = (int)error.StatusCode;
            var reason = $"SMTP {code}: {error.Message}";
            return code is >= 400 and < 500 ? DeliveryResult.Transient(reason) : DeliveryResult.Permanent(reason);
        }
        catch (Exception error) when (error is SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException or AuthenticationException or SslHandshakeException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The server could not be reached or broke off; the message itself was not judged.
            return DeliveryResult.Transient($"SMTP server {options.Host}:{options.Port}: {error.Message}");
        }
    }

    private MimeMessage Compose(OutgoingMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(new MailboxAddress(message.RecipientName, MailboxAddress.Parse(message.Address).Address));
        mime.Subject = message.Subject ?? "";
        mime.MessageId = $"{message.NotificationId}@uce-graph";
        mime.Headers.Add("X-UCE-Notification-Id", message.NotificationId);
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }
}
