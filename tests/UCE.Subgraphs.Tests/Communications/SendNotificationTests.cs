using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>The <c>sendNotification</c> mutation: templates rendered at send time into the outbox.</summary>
public sealed class SendNotificationTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    private const string Send = """
        mutation($input: SendNotificationInput!) {
          sendNotification(input: $input) { notification { id channel topic templateId subject body status queuedAt sentAt } }
        }
        """;

    [Fact]
    public async Task Sending_renders_the_template_with_the_recipients_first_name_and_queues_it()
    {
        var recipient = await OptedInRecipientAsync(Channel.Email, Topic.Billing);

        var response = (await fixture.As(TestCallers.Agent).PostAsync(Send, new
        {
            input = new
            {
                customerId = recipient.CustomerId,
                templateId = "bill-ready-email",
                values = new object[] { new { name = "amount", value = "$84.10" }, new { name = "dueDate", value = "January 5, 2027" } },
            },
        })).EnsureNoErrors();

        var notification = response.At("sendNotification", "notification");
        Assert.Equal("QUEUED", notification.GetProperty("status").GetString());
        Assert.Equal("Your bill of $84.10 is ready", notification.GetProperty("subject").GetString());
        Assert.Equal($"Hi {recipient.FirstName}, your bill of $84.10 is ready and due on January 5, 2027.", notification.GetProperty("body").GetString());
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var stored = await db.Notifications.SingleAsync(n => n.Id == notification.GetProperty("id").GetString());
        Assert.Equal(NotificationStatus.Queued, stored.Status);
        Assert.Equal(recipient.CustomerId, stored.CustomerId);
    }

    [Fact]
    public async Task A_missing_placeholder_value_is_PLACEHOLDER_VALUE_MISSING_and_queues_nothing()
    {
        var recipient = await OptedInRecipientAsync(Channel.Email, Topic.Billing);
        var count = await CountNotificationsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Send, new
        {
            input = new { customerId = recipient.CustomerId, templateId = "bill-ready-email", values = new object[] { new { name = "amount", value = "$84.10" } } },
        });

        Assert.Equal(["PLACEHOLDER_VALUE_MISSING"], response.ErrorCodes);
        Assert.Contains("dueDate", response.Body, StringComparison.Ordinal);
        Assert.Equal(count, await CountNotificationsAsync());
    }

    [Fact]
    public async Task Sending_a_topic_the_customer_opted_out_of_is_NOT_OPTED_IN_and_queues_nothing()
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var optedOut = await db.Preferences.AsNoTracking()
            .Where(p => p.Channel == Channel.Email && p.Topic == Topic.Marketing && !p.OptedIn)
            .OrderBy(p => p.CustomerId)
            .FirstAsync();
        var count = await CountNotificationsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Send, new
        {
            input = new { customerId = optedOut.CustomerId, templateId = "newsletter-email", values = new object[] { new { name = "season", value = "winter" } } },
        });

        Assert.Equal(["NOT_OPTED_IN"], response.ErrorCodes);
        Assert.Equal(count, await CountNotificationsAsync());
    }

    [Theory]
    [InlineData("cus-999999", "bill-ready-email", "CUSTOMER_NOT_FOUND")]
    [InlineData("cus-000001", "no-such-template", "TEMPLATE_NOT_FOUND")]
    [InlineData("", "bill-ready-email", "BAD_USER_INPUT")]
    public async Task Sending_with_unknown_ids_is_refused_and_queues_nothing(string customerId, string templateId, string code)
    {
        var count = await CountNotificationsAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Send, new
        {
            input = new { customerId, templateId, values = new object[] { new { name = "amount", value = "$1" }, new { name = "dueDate", value = "soon" } } },
        });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(count, await CountNotificationsAsync());
    }

    private async Task<Recipient> OptedInRecipientAsync(Channel channel, Topic topic)
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Recipients.AsNoTracking()
            .Where(r => r.Preferences.Any(p => p.Channel == channel && p.Topic == topic && p.OptedIn))
            .OrderBy(r => r.CustomerId)
            .FirstAsync();
    }

    private async Task<int> CountNotificationsAsync()
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Notifications.CountAsync();
    }
}
