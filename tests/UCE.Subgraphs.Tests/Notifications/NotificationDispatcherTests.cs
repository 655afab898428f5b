using System.Net;
using System.Text.Json;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Notifications;

/// <summary>
/// The dispatcher against providers that fail: passing failures (HTTP 503, SMTP 451) are tried again after a doubling wait,
/// final ones (HTTP 400, SMTP 550, no address) fail the notification with the reason, and every attempt is counted and shown
/// on <c>Customer.notifications</c>.
/// </summary>
public abstract class NotificationDispatcherTests(DispatcherFixture fixture)
{
    [Fact]
    public async Task A_provider_answering_503_and_then_200_sends_the_notification_on_the_second_attempt_after_the_backoff()
    {
        var notification = await fixture.QueueAsync("cus-000026", Channel.Sms);
        fixture.Receivers.Sms.AnswerWith(notification.Id, HttpStatusCode.ServiceUnavailable);
        var firstAttempt = fixture.Clock.GetUtcNow().UtcDateTime;

        await fixture.DispatchUntilIdleAsync();

        var waiting = await fixture.ReloadAsync(notification.Id);
        Assert.Equal(NotificationStatus.Queued, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(firstAttempt, waiting.LastAttemptAt);
        Assert.Equal(firstAttempt.AddSeconds(5), waiting.NextAttemptAt);
        Assert.Equal("HTTP 503: planned answer 503", waiting.FailureReason);
        await AssertCustomerSeesAsync(waiting, "QUEUED", 1);

        await fixture.DispatchUntilIdleAsync();
        Assert.Equal(1, (await fixture.ReloadAsync(notification.Id)).Attempts);

        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        await fixture.DispatchUntilIdleAsync();

        var sent = await fixture.ReloadAsync(notification.Id);
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.FailureReason);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], fixture.Receivers.Sms.Requests.Where(r => r.Id == notification.Id).Select(r => r.Answer));
        await AssertCustomerSeesAsync(sent, "SENT", 2);
    }

    [Fact]
    public async Task A_provider_answering_400_fails_the_notification_at_once_with_the_reason()
    {
        var notification = await fixture.QueueAsync("cus-000022", Channel.Push);
        fixture.Receivers.Push.AnswerWith(notification.Id, HttpStatusCode.BadRequest);

        await fixture.DispatchUntilIdleAsync();
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.DispatchUntilIdleAsync();

        var failed = await fixture.ReloadAsync(notification.Id);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("HTTP 400: planned answer 400", failed.FailureReason);
        Assert.Single(fixture.Receivers.Push.Requests, r => r.Id == notification.Id);
        await AssertCustomerSeesAsync(failed, "FAILED", 1);
    }

    [Fact]
    public async Task An_SMTP_550_fails_the_e_mail_and_an_SMTP_451_is_tried_again()
    {
        var refused = await fixture.QueueAsync("cus-000023", Channel.Email);
        var greylisted = await fixture.QueueAsync("cus-000024", Channel.Email);
        fixture.Receivers.Smtp.Refuse((await fixture.RecipientAsync("cus-000023")).Email, 550);
        var greylistedAddress = (await fixture.RecipientAsync("cus-000024")).Email;
        fixture.Receivers.Smtp.Refuse(greylistedAddress, 451);

        await fixture.DispatchUntilIdleAsync();

        var failed = await fixture.ReloadAsync(refused.Id);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.StartsWith("SMTP 550: ", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts);
        var waiting = await fixture.ReloadAsync(greylisted.Id);
        Assert.Equal(NotificationStatus.Queued, waiting.Status);
        Assert.StartsWith("SMTP 451: ", waiting.FailureReason, StringComparison.Ordinal);

        fixture.Receivers.Smtp.Refuse(greylistedAddress, 0);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        await fixture.DispatchUntilIdleAsync();

        var sent = await fixture.ReloadAsync(greylisted.Id);
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(fixture.Receivers.Smtp.Received, m => m.Headers["X-UCE-Notification-Id"] == greylisted.Id);
        Assert.DoesNotContain(fixture.Receivers.Smtp.Received, m => m.Headers["X-UCE-Notification-Id"] == refused.Id);
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_is_tried_after_doubling_waits_and_the_notification_fails_after_the_last_attempt()
    {
        var notification = await fixture.QueueAsync("cus-000025", Channel.Sms);
        fixture.Receivers.Sms.AnswerWith(notification.Id, [.. Enumerable.Repeat(HttpStatusCode.TooManyRequests, DispatcherFixture.MaxAttempts)]);
        var waits = new List<TimeSpan>();

        await fixture.DispatchUntilIdleAsync();
        for (var attempt = 1; attempt < DispatcherFixture.MaxAttempts; attempt++)
        {
            var waiting = await fixture.ReloadAsync(notification.Id);
            Assert.Equal(NotificationStatus.Queued, waiting.Status);
            waits.Add(waiting.NextAttemptAt!.Value - waiting.LastAttemptAt!.Value);
            fixture.Clock.SetUtcNow(new DateTimeOffset(waiting.NextAttemptAt.Value, TimeSpan.Zero));
            await fixture.DispatchUntilIdleAsync();
        }

        var failed = await fixture.ReloadAsync(notification.Id);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], waits);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal(DispatcherFixture.MaxAttempts, failed.Attempts);
        Assert.Equal($"Gave up after {DispatcherFixture.MaxAttempts} attempts: HTTP 429: planned answer 429", failed.FailureReason);
    }

    [Fact]
    public async Task A_text_message_to_a_customer_without_a_phone_number_fails_without_an_attempt()
    {
        var notification = await fixture.QueueAsync("cus-000028", Channel.Sms);

        await fixture.DispatchUntilIdleAsync();

        var failed = await fixture.ReloadAsync(notification.Id);
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal("No phone number for SMS.", failed.FailureReason);
        Assert.Equal(0, failed.Attempts);
        Assert.DoesNotContain(fixture.Receivers.Sms.Requests, r => r.Id == notification.Id);
    }

    private async Task AssertCustomerSeesAsync(Notification notification, string status, int attempts)
    {
        var response = (await fixture.Host.As(TestCallers.Customer(notification.CustomerId)).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { notifications(first: 100) { id status attempts lastAttemptAt nextAttemptAt failureReason } } } }",
            new { r = new object[] { new { __typename = "Customer", id = notification.CustomerId } } })).EnsureNoErrors();
        var shown = response.At("_entities", 0, "notifications").EnumerateArray().Single(n => n.GetProperty("id").GetString() == notification.Id);
        Assert.Equal(status, shown.GetProperty("status").GetString());
        Assert.Equal(attempts, shown.GetProperty("attempts").GetInt32());
        Assert.Equal(notification.LastAttemptAt, shown.GetProperty("lastAttemptAt").GetDateTime().ToUniversalTime());
        if (notification.NextAttemptAt is { } next && notification.IsPending)
        {
            Assert.Equal(next, shown.GetProperty("nextAttemptAt").GetDateTime().ToUniversalTime());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("nextAttemptAt").ValueKind);
        }

        Assert.Equal(notification.FailureReason, shown.GetProperty("failureReason").GetString());
    }
}

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresNotificationDispatcherTests(PostgresDispatcherFixture fixture)
    : NotificationDispatcherTests(fixture), IClassFixture<PostgresDispatcherFixture>;

/// <summary>On SQLite (the embedded default).</summary>
public sealed class EmbeddedNotificationDispatcherTests(EmbeddedDispatcherFixture fixture)
    : NotificationDispatcherTests(fixture), IClassFixture<EmbeddedDispatcherFixture>;
