using System.Text.Json;
using System.Text.RegularExpressions;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>Every subgraph writes its timestamps the same on SQLite as on PostgreSQL: ISO 8601 in UTC, with <c>Z</c>.</summary>
public sealed partial class TimestampStoreParityTests
{
    private static readonly DateOnly Day = new(2031, 3, 20);

    public static TheoryData<string> Subgraphs => ["customers", "billing", "usage", "outages", "products", "communications", "service"];

    [Theory]
    [MemberData(nameof(Subgraphs))]
    public async Task Timestamps_read_the_same_bytes_from_sqlite_as_from_postgresql(string subgraph)
    {
        var (query, variables) = TimestampQuery(subgraph);
        await using var database = await PostgresDatabase.CreateAsync(subgraph + "_timestamps");
        await using var postgres = await SubgraphTestHost.StartAsync(SubgraphModules.Named(subgraph), database.ConnectionString, clock: new FixedClock(Day, 9));
        await using var sqlite = await SubgraphTestHost.StartAsync(SubgraphModules.Named(subgraph), connectionString: null, clock: new FixedClock(Day, 9));

        var fromPostgres = Timestamps((await postgres.As(TestCallers.Agent).PostAsync(query, variables)).EnsureNoErrors().Json);
        var fromSqlite = Timestamps((await sqlite.As(TestCallers.Agent).PostAsync(query, variables)).EnsureNoErrors().Json);

        Assert.NotEmpty(fromPostgres);
        Assert.All(fromPostgres, value => Assert.Matches(UtcTimestamp(), value));
        Assert.Equal(fromPostgres, fromSqlite);
    }

    private static (string Query, object? Variables) TimestampQuery(string subgraph)
    {
        var customers = Enumerable.Range(1, DemoGraph.DemoCustomerCount).Select(DemoGraph.Customer).ToList();
        object CustomerEntities() => new { r = customers.Select(c => new { __typename = "Customer", id = c.Id }).ToArray() };
        return subgraph switch
        {
            "customers" => ("{ customers(first: 100) { nodes { id interactions { at } } } }", null),
            "billing" => (
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id balance { updatedAt } bills { nodes { id issuedAt } } payments(first: 20) { at } } } }",
                new { r = customers.SelectMany(c => c.Accounts).Select(a => new { __typename = "Account", id = a.Id }).ToArray() }),
            "usage" => (
                "query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) { ... on ServiceLocation { id usage(from: $from, to: $to, granularity: HOUR) { points { start end } } } } }",
                new
                {
                    r = customers.Take(5).Select(c => new { __typename = "ServiceLocation", id = c.Location.Id }).ToArray(),
                    from = IsoUtc.At(Day.AddDays(-2)),
                    to = IsoUtc.At(Day.AddDays(-1)),
                }),
            "outages" => (
                """{ activeOutages(first: 100) { id startedAt estimatedRestorationAt statusHistory { at } reports { reportedAt } } restored: outage(id: "out-000001-01") { restoredAt statusHistory { at } } }""",
                null),
            "products" => (
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id enrollments { id since cancelledAt } offers { id expiresAt } } } }",
                CustomerEntities()),
            "service" => (
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id cases { id openedAt slaDueAt resolvedAt closedAt notes { createdAt } survey { submittedAt } } } } }",
                CustomerEntities()),
            _ => (
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id communicationPreferences { preferences { updatedAt } } notifications(first: 100) { id queuedAt sentAt } } } }",
                CustomerEntities()),
        };
    }

    /// <summary>Every string of the response that starts like a date and time, in document order.</summary>
    private static List<string> Timestamps(JsonElement element)
    {
        var found = new List<string>();
        Collect(element, found);
        return found;

        static void Collect(JsonElement element, List<string> found)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value, found);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, found);
                    }

                    break;
                case JsonValueKind.String when DateAndTime().IsMatch(element.GetString()!):
                    found.Add(element.GetString()!);
                    break;
            }
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T")]
    private static partial Regex DateAndTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex UtcTimestamp();
}
