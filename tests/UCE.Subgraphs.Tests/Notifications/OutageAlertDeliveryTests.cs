using System.Text.Json;
using UCE.Communications.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// Outage alerts from the grid to the customer: a grid event is applied by outages, its change goes over the change stream
/// to communications, which renders one message per affected customer and opted-in channel and delivers it over SMTP and
/// the SMS and push providers — once, however often the change or the grid event is delivered, and within quiet hours
/// only when it is urgent.
/// </summary>
public abstract class OutageAlertDeliveryTests(OutageAlertsFixture fixture)
{
    [Fact]
    public async Task An_outage_event_reaches_the_SMTP_server_and_the_SMS_receiver_for_opted_in_customers_only_once_with_quiet_hours_honoured()
    {
        // 11: no quiet hours. 12: quiet hours 22:00–07:00, and it is 23:00. 13: wants outage alerts by push only.
        fixture.MoveClockTo(new TimeOnly(23, 0));
        await OptOutAsync("cus-000013", "EMAIL", "SMS");
        var outageId = NewOutageId();
        var detected = Detected(outageId, "loc-000011", "loc-000012", "loc-000013") with { EstimatedRestorationAt = DateTime.UtcNow.AddHours(4) };

        await fixture.PublishAsync(detected);

        // Urgent: the outage affects them now, so customer 12's text message goes out inside the quiet hours.
        await fixture.DeliveredAsync(detected.EventId, _ => true, 7);
        var started = await fixture.NotificationsOfAsync(detected.EventId);
        Assert.Equal(
            ["cus-000011 Email", "cus-000011 Sms", "cus-000011 Push", "cus-000012 Email", "cus-000012 Sms", "cus-000012 Push", "cus-000013 Push"],
            started.Select(n => $"{n.CustomerId} {n.Channel}"));
        Assert.All(started, n => Assert.True(n.Urgent));
        Assert.All(started, n => Assert.Equal(1, n.Attempts));
        var sms = fixture.Receivers.Sms.Accepted.Single(r => r.Id == started[1].Id);
        Assert.StartsWith("UCE: power outage at your home in Riverside. Estimated restoration: ", sms.Body, StringComparison.Ordinal);
        Assert.Equal(NotificationReceivers.SmsAuthorization, sms.Authorization);
        Assert.Equal(started[1].Id, sms.IdempotencyKey);
        var email = fixture.Receivers.Smtp.Received.Single(m => m.Headers["X-UCE-Notification-Id"] == started[0].Id);
        Assert.Equal("Power outage at your home", email.Subject);

        // Restored is not urgent: customer 12's text and push messages wait for the end of the quiet hours; e-mail never waits.
        var restored = Step(outageId, GridEventType.OutageRestored);
        await fixture.PublishAsync(restored);
        await fixture.DeliveredAsync(restored.EventId, n => n.CustomerId != "cus-000012" || n.Channel == Channel.Email, 5);
        await Eventually.TrueAsync(
            async () => (await fixture.NotificationsOfAsync(restored.EventId)).Count(n => n.Status == NotificationStatus.Deferred) == 2,
            "customer 12's restored text and push messages are deferred");
        var sevenOClock = OutageAlertsFixture.NextTime(fixture.Clock.GetUtcNow(), new TimeOnly(7, 0)).UtcDateTime;
        var held = (await fixture.NotificationsOfAsync(restored.EventId)).Where(n => n.Status == NotificationStatus.Deferred).ToList();
        Assert.Equal([Channel.Sms, Channel.Push], held.Select(n => n.Channel));
        Assert.All(held, n => Assert.Equal(sevenOClock, n.NextAttemptAt));
        Assert.All(held, n => Assert.Equal(0, Deliveries(n)));
        await AssertCustomerSeesAsync("cus-000012", held[0].Id, "DEFERRED", attempts: 0, nextAttemptAt: sevenOClock);

        // Redelivered: the grid event again (a duplicate that adds its stored change again) and the detected change itself.
        var detectedChange = (await fixture.Stream.RangeAsync(fixture.ChangeStream, 10_000))
            .First(entry => entry.Field(GridEventApplier.ChangeField)!.Contains(detected.EventId, StringComparison.Ordinal));
        await fixture.PublishAsync(restored);
        await fixture.Stream.AddAsync(fixture.ChangeStream, detectedChange.Fields);

        // A later outage (customer 16) is handled after them: once its alerts are out, the redeliveries were handled.
        var marker = Detected(NewOutageId(), "loc-000016");
        await fixture.PublishAsync(marker);
        await fixture.DeliveredAsync(marker.EventId, _ => true, 3);
        Assert.Equal(2, (await fixture.Stream.RangeAsync(fixture.ChangeStream, 10_000))
            .Count(entry => entry.Field(GridEventApplier.ChangeField)!.Contains(restored.EventId, StringComparison.Ordinal)));
        Assert.Equal(7, (await fixture.NotificationsOfAsync(detected.EventId)).Count);
        Assert.Equal(7, (await fixture.NotificationsOfAsync(restored.EventId)).Count);

        // Seven o'clock: the held messages go out, once.
        fixture.SetClock(sevenOClock.AddMinutes(1));
        await fixture.DeliveredAsync(restored.EventId, _ => true, 7);
        var released = (await fixture.NotificationsOfAsync(restored.EventId)).Where(n => held.Exists(h => h.Id == n.Id)).ToList();
        Assert.All(released, n => Assert.True(n.SentAt >= sevenOClock));
        await AssertCustomerSeesAsync("cus-000012", held[0].Id, "SENT", attempts: 1, nextAttemptAt: null);

        var all = (await fixture.NotificationsOfAsync(detected.EventId)).Concat(await fixture.NotificationsOfAsync(restored.EventId)).ToList();
        Assert.All(all, n => Assert.Equal(1, Deliveries(n)));
        Assert.DoesNotContain(all, n => n.CustomerId == "cus-000013" && n.Channel != Channel.Push);
        Assert.True(fixture.Receivers.NothingDeliveredTwice());
    }

    [Fact]
    public async Task A_customer_who_holds_outage_alerts_in_quiet_hours_gets_them_by_text_when_the_quiet_hours_end()
    {
        // 15: quiet hours 22:00–07:00 and outage alerts held in them; 17: no quiet hours.
        fixture.MoveClockTo(new TimeOnly(23, 30));
        (await fixture.Communications.As(TestCallers.Customer("cus-000015")).PostAsync(
            "mutation { updateCommunicationPreferences(input: { customerId: \"cus-000015\", preferences: [], outageAlertsInQuietHours: false }) { communicationPreferences { outageAlertsInQuietHours } } }"))
            .EnsureNoErrors();
        var detected = Detected(NewOutageId(), "loc-000015", "loc-000017");

        await fixture.PublishAsync(detected);

        await fixture.DeliveredAsync(detected.EventId, n => n.CustomerId == "cus-000017" || n.Channel == Channel.Email, 4);
        await Eventually.TrueAsync(
            async () => (await fixture.NotificationsOfAsync(detected.EventId)).Count(n => n.Status == NotificationStatus.Deferred) == 2,
            "customer 15's text and push alerts wait");
        fixture.MoveClockTo(new TimeOnly(7, 0));
        await fixture.DeliveredAsync(detected.EventId, _ => true, 6);
        Assert.All(await fixture.NotificationsOfAsync(detected.EventId), n => Assert.Equal(1, n.Attempts));
    }

    private int Deliveries(Notification notification) => fixture.Receivers.Deliveries(notification);

    private async Task OptOutAsync(string customerId, params string[] channels)
    {
        var choices = string.Join(", ", channels.Select(channel => $"{{ channel: {channel}, topic: OUTAGE, optedIn: false }}"));
        (await fixture.Communications.As(TestCallers.Agent).PostAsync(
            $"mutation {{ updateCommunicationPreferences(input: {{ customerId: \"{customerId}\", preferences: [{choices}] }}) {{ customer {{ id }} }} }}"))
            .EnsureNoErrors();
    }

    private async Task AssertCustomerSeesAsync(string customerId, string notificationId, string status, int attempts, DateTime? nextAttemptAt)
    {
        var response = (await fixture.Communications.As(TestCallers.Customer(customerId)).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { notifications(first: 100) { id status attempts lastAttemptAt nextAttemptAt urgent } } } }",
            new { r = new object[] { new { __typename = "Customer", id = customerId } } })).EnsureNoErrors();
        var notification = response.At("_entities", 0, "notifications").EnumerateArray().Single(n => n.GetProperty("id").GetString() == notificationId);
        Assert.Equal(status, notification.GetProperty("status").GetString());
        Assert.Equal(attempts, notification.GetProperty("attempts").GetInt32());
        Assert.False(notification.GetProperty("urgent").GetBoolean());
        if (nextAttemptAt is { } expected)
        {
            Assert.Equal(expected, notification.GetProperty("nextAttemptAt").GetDateTime().ToUniversalTime());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, notification.GetProperty("nextAttemptAt").ValueKind);
        }
    }
}

/// <summary>On PostgreSQL and Redis Streams.</summary>
public sealed class PostgresRedisOutageAlertDeliveryTests(PostgresRedisOutageAlertsFixture fixture)
    : OutageAlertDeliveryTests(fixture), IClassFixture<PostgresRedisOutageAlertsFixture>;

/// <summary>On SQLite and the in-process stream (the embedded default).</summary>
public sealed class EmbeddedOutageAlertDeliveryTests(EmbeddedOutageAlertsFixture fixture)
    : OutageAlertDeliveryTests(fixture), IClassFixture<EmbeddedOutageAlertsFixture>;
