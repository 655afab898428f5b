using MimeKit;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>The providers of the three channels, on 127.0.0.1: an SMTP server, an SMS receiver and a push receiver.</summary>
public sealed class NotificationReceivers : IAsyncDisposable
{
    public const string SmsAuthorization = "Bearer sms-test-key";

    public const string PushAuthorization = "Bearer push-test-key";

    private NotificationReceivers(TestSmtpServer smtp, TestHttpReceiver sms, TestHttpReceiver push)
    {
        Smtp = smtp;
        Sms = sms;
        Push = push;
    }

    public TestSmtpServer Smtp { get; }

    public TestHttpReceiver Sms { get; }

    public TestHttpReceiver Push { get; }

    public static async Task<NotificationReceivers> StartAsync() =>
        new(await TestSmtpServer.StartAsync(), await TestHttpReceiver.StartAsync(), await TestHttpReceiver.StartAsync());

    /// <summary>The communications configuration that sends every channel here.</summary>
    public Dictionary<string, string?> Configuration() => new(StringComparer.Ordinal)
    {
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:From"] = "UCE Energy <alerts@uce.test>",
        ["Notifications:Sms:Url"] = Sms.Url.ToString(),
        ["Notifications:Sms:Authorization"] = SmsAuthorization,
        ["Notifications:Push:Url"] = Push.Url.ToString(),
        ["Notifications:Push:Authorization"] = PushAuthorization,
    };

    /// <summary>How often the provider of its channel accepted <paramref name="notification"/>.</summary>
    public int Deliveries(Notification notification) => notification.Channel switch
    {
        Channel.Email => Smtp.Received.Count(message => Id(message) == notification.Id),
        Channel.Sms => Sms.Accepted.Count(request => request.Id == notification.Id),
        _ => Push.Accepted.Count(request => request.Id == notification.Id),
    };

    /// <summary>True when no provider accepted any notification twice.</summary>
    public bool NothingDeliveredTwice() =>
        Smtp.Received.Select(Id).Distinct().Count() == Smtp.Received.Count
        && Sms.Accepted.Select(r => r.Id).Distinct().Count() == Sms.Accepted.Count
        && Push.Accepted.Select(r => r.Id).Distinct().Count() == Push.Accepted.Count;

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        await Push.DisposeAsync();
    }

    private static string? Id(MimeMessage message) => message.Headers["X-UCE-Notification-Id"];
}
