using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>Reads of the seeded demo set through the communications subgraph on PostgreSQL.</summary>
public sealed class CommunicationQueryTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    private const string CustomerQuery = """
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Customer {
              id
              communicationPreferences { preferences { channel topic optedIn updatedAt } quietHours { start end } }
              notifications(first: 3) { id channel topic subject body status queuedAt sentAt }
            }
          }
        }
        """;

    [Fact]
    public async Task Customer_entities_carry_every_supported_preference_quiet_hours_and_newest_notifications()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync(CustomerQuery, new
        {
            representations = new object[]
            {
                new { __typename = "Customer", id = "cus-000003" },
                new { __typename = "Customer", id = "cus-000001" },
                new { __typename = "Customer", id = "cus-999999" },
            },
        })).EnsureNoErrors();

        var withQuietHours = response.At("_entities", 0);
        var preferences = withQuietHours.GetProperty("communicationPreferences").GetProperty("preferences").EnumerateArray().ToList();
        Assert.Equal(ChannelTopics.Supported.Count, preferences.Count);
        Assert.Equal(
            ChannelTopics.Supported.Select(p => (p.Channel.ToString().ToUpperInvariant(), p.Topic.ToString().ToUpperInvariant())).Order(),
            preferences.Select(p => (p.GetProperty("channel").GetString()!, p.GetProperty("topic").GetString()!)).Order());
        var quietHours = withQuietHours.GetProperty("communicationPreferences").GetProperty("quietHours");
        Assert.Equal("22:00", quietHours.GetProperty("start").GetString());
        Assert.Equal("07:00", quietHours.GetProperty("end").GetString());

        var notifications = withQuietHours.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal(3, notifications.Count);
        var queued = notifications.Select(n => n.GetProperty("queuedAt").GetDateTime()).ToList();
        Assert.Equal(queued.OrderByDescending(q => q), queued);
        Assert.All(notifications, n => Assert.DoesNotContain("{{", n.GetProperty("body").GetString(), StringComparison.Ordinal));

        Assert.Equal(JsonValueKind.Null, response.At("_entities", 1, "communicationPreferences", "quietHours").ValueKind);
        Assert.Equal(JsonValueKind.Null, response.At("_entities", 2).ValueKind);
    }

    [Fact]
    public async Task Seeded_notifications_go_only_over_channels_and_topics_the_customer_opted_in_to()
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var optedIn = (await db.Preferences.AsNoTracking().Where(p => p.OptedIn).ToListAsync())
            .Select(p => (p.CustomerId, p.Channel, p.Topic)).ToHashSet();
        var notifications = await db.Notifications.AsNoTracking().ToListAsync();

        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Contains((n.CustomerId, n.Channel, n.Topic), optedIn));
        Assert.Contains(notifications, n => n.Status == NotificationStatus.Queued);
        Assert.Contains(notifications, n => n.Status == NotificationStatus.Sent && n.SentAt is not null);
        Assert.Contains(notifications, n => n.Status == NotificationStatus.Failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Notifications_refuse_a_page_size_outside_1_to_100(int first)
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Customer { notifications(first: $first) { id } } } }",
            new { r = new object[] { new { __typename = "Customer", id = "cus-000001" } }, first });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Message_templates_of_a_topic_list_their_placeholders()
    {
        var response = (await fixture.As(TestCallers.Agent).PostAsync("{ messageTemplates(topic: OUTAGE) { id channel topic placeholders } }")).EnsureNoErrors();

        var templates = response.At("messageTemplates").EnumerateArray().ToList();
        // Three sent by hand, eleven outage alerts (the alerts' "power is back on" push is outage-restored-push, one of the three).
        Assert.Equal(14, templates.Count);
        Assert.All(templates, t => Assert.Equal("OUTAGE", t.GetProperty("topic").GetString()));
        var email = templates.Single(t => t.GetProperty("id").GetString() == "outage-started-email");
        Assert.Equal(["firstName", "estimatedRestoration"], email.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
        var alert = templates.Single(t => t.GetProperty("id").GetString() == "outage-estimate-sms");
        Assert.Equal(["progress", "areaName", "estimatedRestoration"], alert.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Message_templates_with_an_unknown_topic_variable_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($topic: CommunicationTopic) { messageTemplates(topic: $topic) { id } }", new { topic = "GOSSIP" });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_Customer_representation_without_an_id_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }",
            new { r = new object[] { new { __typename = "Customer" } } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task Committed_schema_matches_the_schema_the_code_produces()
    {
        await SubgraphSchemaFile.AssertMatchesAsync(new CommunicationsSubgraph());
    }
}
