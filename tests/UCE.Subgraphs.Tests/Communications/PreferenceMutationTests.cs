using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>The <c>updateCommunicationPreferences</c> mutation on PostgreSQL; each test works on its own customer.</summary>
public sealed class PreferenceMutationTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    private const string Update = """
        mutation($input: UpdateCommunicationPreferencesInput!) {
          updateCommunicationPreferences(input: $input) {
            customer { id }
            communicationPreferences { preferences { channel topic optedIn } quietHours { start end } }
          }
        }
        """;

    [Fact]
    public async Task Update_changes_the_listed_choices_sets_quiet_hours_and_keeps_the_rest()
    {
        var before = await SnapshotAsync("cus-000005");

        var response = (await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new
            {
                customerId = "cus-000005",
                preferences = new object[]
                {
                    new { channel = "EMAIL", topic = "MARKETING", optedIn = true },
                    new { channel = "PUSH", topic = "USAGE", optedIn = false },
                },
                quietHours = new { start = "21:30", end = "06:45" },
            },
        })).EnsureNoErrors();

        var payload = response.At("updateCommunicationPreferences");
        Assert.Equal("cus-000005", payload.GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal("21:30", payload.GetProperty("communicationPreferences").GetProperty("quietHours").GetProperty("start").GetString());
        var after = await SnapshotAsync("cus-000005");
        Assert.True(after.Preferences[(Channel.Email, Topic.Marketing)]);
        Assert.False(after.Preferences[(Channel.Push, Topic.Usage)]);
        foreach (var (pair, optedIn) in before.Preferences.Where(p => p.Key != (Channel.Email, Topic.Marketing) && p.Key != (Channel.Push, Topic.Usage)))
        {
            Assert.Equal(optedIn, after.Preferences[pair]);
        }

        Assert.Equal((new TimeOnly(21, 30), new TimeOnly(6, 45)), (after.QuietHoursStart, after.QuietHoursEnd));
    }

    [Fact]
    public async Task Null_quiet_hours_clear_them_and_absent_quiet_hours_keep_them()
    {
        (await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new { customerId = "cus-000006", preferences = Array.Empty<object>(), quietHours = new { start = "23:00", end = "06:00" } },
        })).EnsureNoErrors();

        (await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new { customerId = "cus-000006", preferences = new object[] { new { channel = "EMAIL", topic = "PRODUCT", optedIn = false } } },
        })).EnsureNoErrors();
        Assert.Equal(new TimeOnly(23, 0), (await SnapshotAsync("cus-000006")).QuietHoursStart);

        var cleared = (await fixture.As(TestCallers.Agent).PostAsync(
            "mutation { updateCommunicationPreferences(input: { customerId: \"cus-000006\", preferences: [], quietHours: null }) { communicationPreferences { quietHours { start } } } }"))
            .EnsureNoErrors();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.At("updateCommunicationPreferences", "communicationPreferences", "quietHours").ValueKind);
        Assert.Null((await SnapshotAsync("cus-000006")).QuietHoursStart);
    }

    [Fact]
    public async Task Outage_alerts_in_quiet_hours_are_on_by_default_and_a_customer_may_hold_them_keeping_everything_else()
    {
        const string Read = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { communicationPreferences { outageAlertsInQuietHours quietHours { start } } } } }";
        var representation = new { r = new object[] { new { __typename = "Customer", id = "cus-000030" } } };
        var customer = fixture.As(TestCallers.Customer("cus-000030"));
        Assert.True((await customer.PostAsync(Read, representation)).EnsureNoErrors()
            .At("_entities", 0, "communicationPreferences", "outageAlertsInQuietHours").GetBoolean());

        var held = (await customer.PostAsync(
            "mutation { updateCommunicationPreferences(input: { customerId: \"cus-000030\", preferences: [], outageAlertsInQuietHours: false }) { communicationPreferences { outageAlertsInQuietHours quietHours { start } } } }"))
            .EnsureNoErrors();

        Assert.False(held.At("updateCommunicationPreferences", "communicationPreferences", "outageAlertsInQuietHours").GetBoolean());
        Assert.Equal("22:00", held.At("updateCommunicationPreferences", "communicationPreferences", "quietHours", "start").GetString());
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        Assert.False((await db.Recipients.AsNoTracking().SingleAsync(r => r.CustomerId == "cus-000030")).OutageAlertsInQuietHours);
    }

    [Fact]
    public async Task An_unsupported_channel_and_topic_pair_refuses_the_whole_update()
    {
        var before = await SnapshotAsync("cus-000007");

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new
            {
                customerId = "cus-000007",
                preferences = new object[]
                {
                    new { channel = "EMAIL", topic = "MARKETING", optedIn = !before.Preferences[(Channel.Email, Topic.Marketing)] },
                    new { channel = "SMS", topic = "MARKETING", optedIn = true },
                },
                quietHours = new { start = "20:00", end = "08:00" },
            },
        });

        Assert.Equal(["CHANNEL_TOPIC_NOT_SUPPORTED"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync("cus-000007"));
    }

    [Theory]
    [InlineData("25:00", "07:00")]
    [InlineData("22:00", "7pm")]
    [InlineData("", "07:00")]
    [InlineData("22:00", "22:00")]
    [InlineData("22:00:00", "07:00")]
    public async Task Quiet_hours_that_are_not_two_different_times_are_refused_and_change_nothing(string start, string end)
    {
        var before = await SnapshotAsync("cus-000008");

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new
            {
                customerId = "cus-000008",
                preferences = new object[] { new { channel = "PUSH", topic = "PRODUCT", optedIn = !before.Preferences[(Channel.Push, Topic.Product)] } },
                quietHours = new { start, end },
            },
        });

        Assert.Equal(["QUIET_HOURS_INVALID"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync("cus-000008"));
    }

    [Fact]
    public async Task An_invalid_channel_value_is_BAD_USER_INPUT_and_changes_nothing()
    {
        var before = await SnapshotAsync("cus-000009");

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new { customerId = "cus-000009", preferences = new object[] { new { channel = "FAX", topic = "BILLING", optedIn = true } } },
        });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync("cus-000009"));
    }

    [Fact]
    public async Task The_same_pair_twice_is_BAD_USER_INPUT_and_changes_nothing()
    {
        var before = await SnapshotAsync("cus-000009");

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new
            {
                customerId = "cus-000009",
                preferences = new object[]
                {
                    new { channel = "EMAIL", topic = "BILLING", optedIn = true },
                    new { channel = "EMAIL", topic = "BILLING", optedIn = false },
                },
            },
        });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync("cus-000009"));
    }

    [Fact]
    public async Task An_update_with_nothing_to_change_is_BAD_USER_INPUT()
    {
        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new { input = new { customerId = "cus-000009", preferences = Array.Empty<object>() } });

        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_unknown_customer_is_CUSTOMER_NOT_FOUND_and_changes_nothing()
    {
        var count = await CountPreferencesAsync();

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new
        {
            input = new { customerId = "cus-999999", preferences = new object[] { new { channel = "EMAIL", topic = "BILLING", optedIn = true } } },
        });

        Assert.Equal(["CUSTOMER_NOT_FOUND"], response.ErrorCodes);
        Assert.Equal(count, await CountPreferencesAsync());
    }

    private async Task<int> CountPreferencesAsync()
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        return await db.Preferences.CountAsync();
    }

    private async Task<PreferenceSnapshot> SnapshotAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var recipient = await db.Recipients.AsNoTracking().Include(r => r.Preferences).SingleAsync(r => r.CustomerId == customerId);
        return new PreferenceSnapshot(
            recipient.Preferences.ToDictionary(p => (p.Channel, p.Topic), p => p.OptedIn),
            recipient.Preferences.ToDictionary(p => (p.Channel, p.Topic), p => p.UpdatedAt),
            recipient.QuietHoursStart,
            recipient.QuietHoursEnd);
    }

    private sealed record PreferenceSnapshot(
        Dictionary<(Channel, Topic), bool> Preferences,
        Dictionary<(Channel, Topic), DateTime> UpdatedAt,
        TimeOnly? QuietHoursStart,
        TimeOnly? QuietHoursEnd)
    {
        public bool Equals(PreferenceSnapshot? other) =>
            other is not null
            && Preferences.Count == other.Preferences.Count
            && Preferences.All(p => other.Preferences.TryGetValue(p.Key, out var o) && o == p.Value)
            && UpdatedAt.All(p => other.UpdatedAt.TryGetValue(p.Key, out var o) && o == p.Value)
            && QuietHoursStart == other.QuietHoursStart
            && QuietHoursEnd == other.QuietHoursEnd;

        public override int GetHashCode() => HashCode.Combine(Preferences.Count, QuietHoursStart, QuietHoursEnd);
    }
}
