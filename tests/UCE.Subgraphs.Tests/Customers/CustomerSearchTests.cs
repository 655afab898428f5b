using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UCE.Customers;
using UCE.Customers.Types;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>
/// <c>customers(search:)</c>: what a text is taken for, and the same customers in the same order, page by page, on
/// PostgreSQL (trigram and b-tree indexes) and on SQLite (the embedded default) for one search set.
/// </summary>
public sealed class CustomerSearchTests
{
    private const string Search = """
        query($search: String, $after: String) {
          customers(search: $search, first: 3, after: $after) {
            totalCount
            edges { cursor node { id name email phone } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }
        """;

    [Theory]
    [InlineData("cus-000012", CustomerSearchKind.CustomerId)]
    [InlineData(" CUS-000012 ", CustomerSearchKind.CustomerId)]
    [InlineData("PRM-00000003", CustomerSearchKind.Premise)]
    [InlineData("prm-0a1b2c3d4e5f6a7b", CustomerSearchKind.Premise)]
    [InlineData("mtr-00000004", CustomerSearchKind.Meter)]
    [InlineData("1000000001", CustomerSearchKind.AccountNumberOrPhone)]
    [InlineData("+1-555-465-0001", CustomerSearchKind.Phone)]
    [InlineData("(555) 465 0001", CustomerSearchKind.Phone)]
    [InlineData("555.465.0001", CustomerSearchKind.Phone)]
    [InlineData("12345", CustomerSearchKind.Text)]
    [InlineData("555-0001", CustomerSearchKind.Text)]
    [InlineData("5-5+5-4650001", CustomerSearchKind.Text)]
    [InlineData("Reyes", CustomerSearchKind.Text)]
    [InlineData(".12@example.com", CustomerSearchKind.Text)]
    [InlineData("  ", CustomerSearchKind.None)]
    public void A_search_text_is_recognised_by_its_form(string search, CustomerSearchKind kind) =>
        Assert.Equal(kind, CustomerSearch.Classify(search));

    [Fact]
    public async Task PostgreSQL_and_SQLite_find_the_same_customers_in_the_same_order_page_by_page()
    {
        await using var database = await PostgresDatabase.CreateAsync("search");
        await using var postgres = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString);
        await using var sqlite = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null);
        var demo = postgres.Demo.Customers().ToList();
        var seventh = (await postgres.As(TestCallers.Agent).PostAsync("{ customer(id: \"cus-000007\") { phone } }")).EnsureNoErrors().At("customer", "phone").GetString()!;
        var digits = new string([.. seventh.Where(char.IsAsciiDigit)]);
        string[] searches =
        [
            "", "son", "SON", "Reyes", "ava ", "EXAMPLE.COM", ".12@example.com", "2@EXAMPLE.C", "@Example.com", "a@b@c", "Bakery #", "no such person", "100%", "a_b", "o\\k",
            "cus-000012", "CUS-000012", "cus-999999", demo[2].Location.PremiseId, demo[2].Location.PremiseId.ToLowerInvariant(),
            demo[3].Location.MeterId, demo[3].Location.MeterId.ToLowerInvariant(), demo[4].Accounts[0].Number, demo[5].Accounts[^1].Number,
            seventh, digits, digits[1..], $"+{digits[..1]} ({digits[1..4]}) {digits[4..7]}-{digits[7..]}", "9999999999",
        ];

        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var emails = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var search in searches)
        {
            var ids = new List<string>();
            string? after = null;
            for (var page = 0; page < 20; page++)
            {
                var onPostgres = await postgres.As(TestCallers.Agent).PostAsync(Search, new { search, after });
                var onSqlite = await sqlite.As(TestCallers.Agent).PostAsync(Search, new { search, after });
                var connection = onPostgres.EnsureNoErrors().At("customers");
                Assert.True(
                    JsonElement.DeepEquals(connection, onSqlite.EnsureNoErrors().At("customers")),
                    $"'{search}', page {page + 1}:\nPostgreSQL {connection}\nSQLite     {onSqlite.At("customers")}");
                foreach (var node in connection.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node")))
                {
                    ids.Add(node.GetProperty("id").GetString()!);
                    emails[ids[^1]] = node.GetProperty("email").GetString()!;
                }

                if (!connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
                {
                    break;
                }

                after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            }

            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            Assert.Equal(ids.Distinct(), ids);
            found[search] = ids;
        }

        // The set means something: every kind finds whom it should.
        Assert.Equal(demo.Count, found[""].Count);
        Assert.Equal(found["son"], found["SON"]);
        Assert.NotEmpty(found["son"]);
        Assert.Equal(["cus-000012"], found["cus-000012"]);
        Assert.Equal(["cus-000012"], found["CUS-000012"]);
        Assert.Equal(["cus-000012"], found[".12@example.com"]);
        // Text with an '@' is looked up by the part up to it and checked whole: the same customers as a plain contains.
        foreach (var text in (string[])["2@EXAMPLE.C", "@Example.com", "a@b@c"])
        {
            var expected = emails.Where(email => email.Value.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(email => email.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, found[text]);
        }

        Assert.True(found["2@EXAMPLE.C"].Count >= 2);
        Assert.Empty(found["a@b@c"]);
        Assert.Empty(found["no such person"]);
        Assert.Empty(found["cus-999999"]);
        Assert.Equal([demo[2].Id], found[demo[2].Location.PremiseId]);
        Assert.Equal([demo[2].Id], found[demo[2].Location.PremiseId.ToLowerInvariant()]);
        Assert.Equal([demo[3].Id], found[demo[3].Location.MeterId]);
        Assert.Equal([demo[4].Id], found[demo[4].Accounts[0].Number]);
        Assert.Equal([demo[5].Id], found[demo[5].Accounts[^1].Number]);
        Assert.Contains("cus-000007", found[seventh]);
        Assert.Equal(found[seventh], found[digits]);
        Assert.Equal(found[seventh], found[digits[1..]]);
        Assert.Equal(found[seventh], found[$"+{digits[..1]} ({digits[1..4]}) {digits[4..7]}-{digits[7..]}"]);
        Assert.Equal(demo.Count, found["EXAMPLE.COM"].Count);
    }

    [Fact]
    public async Task A_count_with_at_most_stops_there_on_both_stores_and_an_out_of_range_limit_is_refused()
    {
        await using var database = await PostgresDatabase.CreateAsync("search_count");
        await using var postgres = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString);
        await using var sqlite = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null);
        const string Count = "query($search: String, $atMost: Int) { customers(search: $search, first: 1) { exact: totalCount capped: totalCount(atMost: $atMost) } }";
        foreach (var host in (SubgraphTestHost[])[postgres, sqlite])
        {
            var all = (await host.As(TestCallers.Agent).PostAsync(Count, new { search = (string?)null, atMost = 1 })).EnsureNoErrors().At("customers");
            var total = all.GetProperty("exact").GetInt32();
            Assert.True(total > 3);
            Assert.Equal(1, all.GetProperty("capped").GetInt32());
            foreach (var (search, atMost) in new (string?, int)[] { (null, 3), (null, total), (null, total + 5), ("son", 2), ("son", 10_000), ("cus-000012", 5), ("no such person", 5) })
            {
                var counted = (await host.As(TestCallers.Agent).PostAsync(Count, new { search, atMost })).EnsureNoErrors().At("customers");
                Assert.Equal(Math.Min(counted.GetProperty("exact").GetInt32(), atMost), counted.GetProperty("capped").GetInt32());
            }

            foreach (var atMost in (int[])[0, -1, 10_001])
            {
                var refused = await host.As(TestCallers.Agent).PostAsync(Count, new { search = "son", atMost });
                Assert.Equal(["BAD_USER_INPUT"], refused.ErrorCodes);
            }
        }
    }

    [Theory]
    [InlineData("ab")]
    [InlineData(" x ")]
    public async Task A_name_or_email_text_shorter_than_three_characters_is_refused(string search)
    {
        await using var sqlite = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null);
        var response = await sqlite.As(TestCallers.Agent).PostAsync(Search, new { search, after = (string?)null });
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_count_asked_beside_the_page_is_read_at_the_same_time_as_the_page()
    {
        // Each of the two reads waits until the other has started: read one after the other, they would both time out.
        var meeting = new ReadsMeeting(TimeSpan.FromSeconds(10));
        await using var sqlite = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null, services: services => services.AddSingleton<IInterceptor>(meeting));
        meeting.Armed = true;
        var response = await sqlite.As(TestCallers.Agent).PostAsync(
            "{ customers(search: \"example.com\", first: 2) { totalCount(atMost: 100) edges { node { id } } pageInfo { hasNextPage } } }");
        var customers = response.EnsureNoErrors().At("customers");
        Assert.True(customers.GetProperty("totalCount").GetInt32() > 2);
        Assert.Equal(2, customers.GetProperty("edges").GetArrayLength());
        Assert.True(customers.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(meeting.Met, "The page and the count were read one after the other.");

        // Checked before any read: a bad argument is an error of customers itself.
        meeting.Armed = false;
        var refused = await sqlite.As(TestCallers.Agent).PostAsync("{ customers(search: \"ab\") { totalCount edges { cursor } } }");
        Assert.Equal(["BAD_USER_INPUT"], refused.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, refused.Json.GetProperty("data").GetProperty("customers").ValueKind);
        Assert.Equal("customers", refused.Json.GetProperty("errors")[0].GetProperty("path")[0].GetString());
    }

    /// <summary>Holds the search's page read and its count read (by their SQL) until both have started, or a timeout.</summary>
    private sealed class ReadsMeeting(TimeSpan timeout) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource page = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource count = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Armed { get; set; }

        public bool Met => page.Task.IsCompleted && count.Task.IsCompleted && !TimedOut;

        private bool TimedOut { get; set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await MeetAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await MeetAsync(command);
            return result;
        }

        private async Task MeetAsync(DbCommand command)
        {
            var text = command.CommandText;
            if (!Armed || !text.Contains("FROM \"customers\"", StringComparison.Ordinal) && !text.Contains("FROM customers", StringComparison.Ordinal))
            {
                return;
            }

            var isCount = text.Contains("COUNT(", StringComparison.OrdinalIgnoreCase);
            (isCount ? count : page).TrySetResult();
            try
            {
                await (isCount ? page : count).Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                TimedOut = true;
            }
        }
    }
}
