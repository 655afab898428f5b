using Microsoft.EntityFrameworkCore;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>The generator's COPY path on PostgreSQL writes exactly the rows the seed writes through EF Core.</summary>
public sealed class CommunicationBulkLoadTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    [Fact]
    public async Task Bulk_load_writes_the_same_recipients_preferences_and_notifications_as_the_seed()
    {
        await using var database = await PostgresDatabase.CreateAsync("communications_bulk");
        var report = await SubgraphHost.GenerateAsync(
            new CommunicationsSubgraph(),
            new SubgraphHostOptions { ConnectionString = database.ConnectionString },
            new DemoGraph(60, fixture.Host.DemoDate),
            log: null,
            CancellationToken.None);
        Assert.NotNull(report);

        await using var bulkHost = await SubgraphTestHost.StartAsync(new CommunicationsSubgraph(), database.ConnectionString, seedDemoData: false);
        await using var bulk = bulkHost.CreateDbContext<CommunicationsDbContext>();
        await using var seeded = fixture.Host.CreateDbContext<CommunicationsDbContext>();
        var demo = fixture.Host.Demo.Customers().Select(c => c.Id).ToList();

        Assert.Equal(60, await bulk.Recipients.CountAsync());
        Assert.Equal(await RecipientsAsync(seeded, demo), await RecipientsAsync(bulk, demo));
        Assert.Equal(await PreferencesAsync(seeded, demo), await PreferencesAsync(bulk, demo));
        Assert.Equal(await NotificationsAsync(seeded, demo), await NotificationsAsync(bulk, demo));
        Assert.Equal(MessageTemplates.Create().Count, await bulk.Templates.CountAsync());

        var response = (await bulkHost.As(TestCallers.Agent).PostAsync(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { notifications(first: 1) { body } } } }",
            new { r = new object[] { new { __typename = "Customer", id = "cus-000055" } } })).EnsureNoErrors();
        Assert.Single(response.At("_entities", 0, "notifications").EnumerateArray());
    }

    private static async Task<List<string>> RecipientsAsync(CommunicationsDbContext db, List<string> customers) =>
        (await db.Recipients.AsNoTracking().Where(r => customers.Contains(r.CustomerId)).ToListAsync())
            .Select(r => $"{r.CustomerId}|{r.FirstName}|{r.Email}|{r.Phone}|{r.QuietHoursStart}|{r.QuietHoursEnd}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static async Task<List<string>> PreferencesAsync(CommunicationsDbContext db, List<string> customers) =>
        (await db.Preferences.AsNoTracking().Where(p => customers.Contains(p.CustomerId)).ToListAsync())
            .Select(p => $"{p.CustomerId}|{p.Channel}|{p.Topic}|{p.OptedIn}|{p.UpdatedAt:O}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static async Task<List<string>> NotificationsAsync(CommunicationsDbContext db, List<string> customers) =>
        (await db.Notifications.AsNoTracking().Where(n => customers.Contains(n.CustomerId)).ToListAsync())
            .Select(n => $"{n.Id}|{n.CustomerId}|{n.Channel}|{n.Topic}|{n.TemplateId}|{n.Subject}|{n.Body}|{n.Status}|{n.QueuedAt:O}|{n.SentAt:O}|{n.FailureReason}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
