using Microsoft.Extensions.Logging.Abstractions;
using UCE.Communications.Data;
using UCE.Communications.Delivery;
using UCE.Communications.Events;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>Quiet hours, the retry backoff, which outage changes tell whom, and an unreachable provider, without hosts.</summary>
public sealed class NotificationPolicyTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Theory]
    [InlineData("22:00", "07:00", "2026-12-01T23:00:00Z", "2026-12-02T07:00:00Z")]
    [InlineData("22:00", "07:00", "2026-12-02T03:00:00Z", "2026-12-02T07:00:00Z")]
    [InlineData("22:00", "07:00", "2026-12-01T22:00:00Z", "2026-12-02T07:00:00Z")]
    [InlineData("22:00", "07:00", "2026-12-02T07:00:00Z", null)]
    [InlineData("22:00", "07:00", "2026-12-01T12:00:00Z", null)]
    [InlineData("13:00", "15:00", "2026-12-01T14:59:00Z", "2026-12-01T15:00:00Z")]
    [InlineData("13:00", "15:00", "2026-12-01T12:59:00Z", null)]
    public void Quiet_hours_hold_a_message_due_inside_them_until_they_end(string start, string end, string now, string? until)
    {
        var window = new QuietHoursWindow(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Utc);

        var held = window.HeldUntil(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(until is null ? null : DateTime.Parse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), held);
    }

    [Fact]
    public void Quiet_hours_are_read_in_the_service_territorys_time_zone()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var window = new QuietHoursWindow(new TimeOnly(22, 0), new TimeOnly(7, 0), chicago);

        // 04:00 UTC on 2 December is 22:00 in Chicago (UTC−6); the window ends at 07:00 there, 13:00 UTC.
        Assert.Equal(new DateTime(2026, 12, 2, 13, 0, 0, DateTimeKind.Utc), window.HeldUntil(new DateTime(2026, 12, 2, 4, 0, 0, DateTimeKind.Utc)));
        Assert.Null(window.HeldUntil(new DateTime(2026, 12, 2, 3, 59, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Retries_wait_twice_as_long_each_time_up_to_the_longest_wait()
    {
        var options = new DispatcherOptions { RetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(
            [5, 10, 20, 40, 60, 60],
            Enumerable.Range(1, 6).Select(attempts => options.RetryDelayAfter(attempts).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryDelayAfter(500));
    }

    [Theory]
    [InlineData("outage.detected", "outage-detected", "added", true)]
    [InlineData("outage.locations-added", "outage-detected", "added", true)]
    [InlineData("outage.confirmed", "outage-confirmed", "affected", true)]
    [InlineData("outage.restoring", "outage-estimate", "affected", true)]
    [InlineData("outage.estimate-changed", "outage-estimate", "affected", true)]
    [InlineData("outage.restored", "outage-restored", "affected", false)]
    [InlineData("outage.locations-removed", "outage-restored", "released", false)]
    public void Each_outage_change_tells_its_customers_with_its_templates(string eventType, string kind, string whom, bool urgent)
    {
        var change = new OutageChangeMessage
        {
            EventId = "evt-1",
            EventType = eventType,
            OutageId = "out-1",
            AreaName = "Riverside",
            EstimatedRestorationAt = new DateTime(2026, 12, 1, 22, 0, 0, DateTimeKind.Utc),
            AffectedCustomerIds = ["cus-affected"],
            AddedCustomerIds = ["cus-added"],
            ReleasedCustomerIds = ["cus-released"],
        };

        var notification = Notifier().NotificationOf(change)!;

        Assert.Equal(kind, notification.TemplateKind);
        Assert.Equal([$"cus-{whom}"], notification.CustomerIds);
        Assert.Equal(urgent, notification.Urgent);
        Assert.Equal(Topic.Outage, notification.Topic);
        Assert.Equal("Dec 1, 10:00 PM UTC", notification.Values["estimatedRestoration"]);
    }

    [Fact]
    public void A_crew_on_its_way_tells_nobody_and_an_unknown_estimate_is_not_known_yet()
    {
        var dispatched = new OutageChangeMessage { EventId = "e", EventType = "outage.crew-dispatched", AffectedCustomerIds = ["cus-1"] };
        var detected = new OutageChangeMessage { EventId = "e", EventType = "outage.detected", AddedCustomerIds = ["cus-1"] };

        Assert.Null(Notifier().NotificationOf(dispatched));
        Assert.Equal("not known yet", Notifier().NotificationOf(detected)!.Values["estimatedRestoration"]);
    }

    [Fact]
    public void Restoration_times_are_written_in_the_service_territorys_time_zone()
    {
        var at = new DateTime(2026, 12, 2, 4, 30, 0, DateTimeKind.Utc);

        Assert.Equal("Dec 1, 10:30 PM UTC-06:00", EventNotificationWriter.LocalTime(at, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_failure_worth_another_attempt()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var sms = new HttpChannelSender(http, new HttpProviderOptions { Url = $"http://127.0.0.1:{port}/sms" });
        var email = new SmtpEmailSender(new SmtpOptions { Host = "127.0.0.1", Port = port });
        var message = new OutgoingMessage("ntf-1", Channel.Sms, Topic.Outage, "cus-1", "Ada", "+15550000000", null, "Hello");

        var smsResult = await sms.SendAsync(message, CancellationToken.None);
        var emailResult = await email.SendAsync(message with { Channel = Channel.Email, Address = "ada@example.com" }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, smsResult.Outcome);
        Assert.Equal(DeliveryOutcome.Transient, emailResult.Outcome);
    }

    private static OutageChangeNotifier Notifier() =>
        new(new EventNotificationWriter(null!, new DispatchSignal(), TimeProvider.System, NullLogger<EventNotificationWriter>.Instance), new NotificationOptions());
}
