using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Authorization;

/// <summary>Preferences and notifications only for their customer; sending only for services with <c>notifications:send</c> (and agents).</summary>
public sealed class CommunicationsAuthorizationTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    private const string Update = """
        mutation($input: UpdateCommunicationPreferencesInput!) {
          updateCommunicationPreferences(input: $input) { customer { id } communicationPreferences { preferences { channel topic optedIn } } }
        }
        """;

    private const string Send = "mutation($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id status body } } }";

    public static TheoryData<string> ForeignCallers => new() { "customer", "anonymous", "partner", "service" };

    [Fact]
    public async Task Every_entity_type_refuses_another_customers_representation()
    {
        var representations = new Dictionary<string, object>(StringComparer.Ordinal) { ["Customer"] = new { __typename = "Customer", id = Hostile.Victim } };

        foreach (var type in await Hostile.EntityTypesAsync(fixture.GraphQL))
        {
            Assert.True(representations.TryGetValue(type, out var hostile), $"Entity type {type} has no hostile case.");
            var response = await fixture.As(TestCallers.Customer(Hostile.Attacker)).PostAsync(
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id communicationPreferences { preferences { optedIn } quietHours { start } } notifications(first: 5) { body } } } }",
                new { r = new[] { new { __typename = "Customer", id = Hostile.Attacker }, hostile } });

            Hostile.AssertRefused(response, "_entities", 1);
            Assert.Equal(Hostile.Attacker, response.At("_entities", 0, "id").GetString());
        }
    }

    [Fact]
    public async Task Message_templates_are_for_agents_and_senders_only()
    {
        var anonymous = await fixture.GraphQL.PostAsync("{ messageTemplates { id } }");
        var customer = await fixture.As(TestCallers.Customer(Hostile.Attacker)).PostAsync("{ messageTemplates { id } }");
        var sender = (await fixture.As(TestCallers.Service("notifications:send")).PostAsync("{ messageTemplates { id } }")).EnsureNoErrors();

        Assert.Equal(["FORBIDDEN"], anonymous.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], customer.ErrorCodes);
        Assert.NotEqual(0, sender.At("messageTemplates").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Changing_another_customers_preferences_is_forbidden_and_writes_nothing(string role)
    {
        var before = await PreferencesOfAsync(Hostile.Victim);

        var response = await fixture.As(Caller(role, "notifications:send")).PostAsync(Update, new
        {
            input = new { customerId = Hostile.Victim, preferences = new[] { new { channel = "EMAIL", topic = "MARKETING", optedIn = true } }, quietHours = new { start = "22:00", end = "06:00" } },
        });

        Hostile.AssertRefused(response, "updateCommunicationPreferences");
        Assert.Equal(before, await PreferencesOfAsync(Hostile.Victim));
    }

    [Theory]
    [MemberData(nameof(ForeignCallers))]
    public async Task Sending_without_the_notifications_send_scope_is_forbidden_and_queues_nothing(string role)
    {
        var before = await NotificationCountAsync(Hostile.Victim);

        var response = await fixture.As(Caller(role, "outages:write")).PostAsync(Send, new
        {
            input = new { customerId = Hostile.Victim, templateId = "bill-ready-email", values = new[] { new { name = "amount", value = "$1.00" }, new { name = "dueDate", value = "soon" } } },
        });

        Hostile.AssertRefused(response, "sendNotification");
        Assert.Equal(before, await NotificationCountAsync(Hostile.Victim));
    }

    [Fact]
    public async Task A_service_with_notifications_send_queues_a_notification_and_reads_it_back()
    {
        var recipient = await OptedInRecipientAsync();
        var before = await NotificationCountAsync(recipient);

        var response = (await fixture.As(TestCallers.Service("notifications:send")).PostAsync(Send, new
        {
            input = new { customerId = recipient, templateId = "bill-ready-email", values = new[] { new { name = "amount", value = "$1.00" }, new { name = "dueDate", value = "soon" } } },
        })).EnsureNoErrors();

        Assert.Equal("QUEUED", response.At("sendNotification", "notification", "status").GetString());
        Assert.Equal(before + 1, await NotificationCountAsync(recipient));
    }

    [Fact]
    public async Task A_customer_changes_their_own_preferences()
    {
        var response = (await fixture.As(TestCallers.Customer("cus-000033")).PostAsync(Update, new
        {
            input = new { customerId = "cus-000033", preferences = new[] { new { channel = "EMAIL", topic = "MARKETING", optedIn = false } } },
        })).EnsureNoErrors();

        Assert.Equal("cus-000033", response.At("updateCommunicationPreferences", "customer", "id").GetString());
    }

    private static CallerIdentity Caller(string role, string serviceScope) => role switch
    {
        "customer" => TestCallers.Customer(Hostile.Attacker),
        "anonymous" => TestCallers.Anonymous,
        "partner" => TestCallers.Partner("shop", "notifications:send", "usage:read", "outages:read", "products:read"),
        "service" => TestCallers.Service(serviceScope),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private async Task<string> PreferencesOfAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var recipient = await db.Recipients.AsNoTracking().Include(r => r.Preferences).SingleAsync(r => r.CustomerId == customerId);
        return $"{recipient.QuietHoursStart}-{recipient.QuietHoursEnd};" + string.Join(';', recipient.Preferences.OrderBy(p => p.Channel).ThenBy(p => p.Topic).Select(p => $"{p.Channel}/{p.Topic}={p.OptedIn}"));
    }

    private async Task<int> NotificationCountAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Notifications.CountAsync(n => n.CustomerId == customerId);
    }

    private async Task<string> OptedInRecipientAsync()
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Preferences.AsNoTracking()
            .Where(p => p.Channel == Channel.Email && p.Topic == Topic.Billing && p.OptedIn)
            .OrderBy(p => p.CustomerId)
            .Select(p => p.CustomerId)
            .FirstAsync();
    }
}
