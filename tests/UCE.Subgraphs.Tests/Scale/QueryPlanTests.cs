using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Scale;

/// <summary>
/// Every root field and every entity lookup of every subgraph, with a selection of everything reachable below it (so every
/// nested list field and data loader runs), executed on PostgreSQL with the SQL captured; each distinct read is then
/// explained with <c>enable_seqscan = off</c> (<see cref="QueryPlanCheck"/>) and must not read a large table whole.
/// A root field with required arguments or an entity type the lists below do not know fails the test, so that new ones get
/// covered.
/// </summary>
public sealed class QueryPlanTests
{
    private const int Depth = 4;

    /// <summary>Tables whose size the utility's catalogue sets, not its customers or their history.</summary>
    private static readonly HashSet<string> SmallTables = ["products", "message_templates", "__EFMigrationsHistory"];

    /// <summary>Statements that read a table whole by definition, with the reason they may.</summary>
    private static readonly Dictionary<string, string> Accepted = new(StringComparer.Ordinal)
    {
        ["SELECT count(*)::int FROM customers AS c"] = "customers { totalCount } without a search counts every customer",
    };

    public static TheoryData<string> Subgraphs => SubgraphModules.Names();

    [Theory]
    [MemberData(nameof(Subgraphs))]
    public async Task Every_list_and_lookup_query_of_the_subgraph_is_served_by_an_index(string subgraph)
    {
        var module = SubgraphModules.Named(subgraph);
        await using var database = await PostgresDatabase.CreateAsync("plans");
        var capture = new SqlCapture();
        await using var host = await SubgraphTestHost.StartAsync(module, database.ConnectionString, services: services => services.AddSingleton<IInterceptor>(capture));
        var schema = host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var selection = new SchemaSelection(schema, host.DemoDate);
        var known = await KnownValues.ReadAsync(database.ConnectionString, host);

        var operations = RootOperations(schema, selection, known).Concat(EntityOperations(subgraph, schema, selection, known)).ToList();
        capture.Clear();
        var failures = new List<string>();
        foreach (var (query, variables) in operations)
        {
            var response = await host.As(TestCallers.Supervisor).PostAsync(query, variables);
            if (response.ErrorCodes.Count > 0)
            {
                failures.Add($"{response.Json}\n  for {query}");
            }
        }

        Assert.True(failures.Count == 0, "Operations failed:\n" + string.Join("\n", failures));
        var explained = await QueryPlanCheck.ExplainAsync(database.ConnectionString, capture.Commands, SmallTables);
        Assert.True(explained.Count >= operations.Count / 2, $"Only {explained.Count} distinct reads for {operations.Count} operations: the capture missed them.");
        var findings = explained.Where(command => command.Findings.Count > 0 && !Accepted.ContainsKey(string.Join(' ', command.Text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))))
            .Select(command => $"- {string.Join("; ", command.Findings)}\n  {command.Text.ReplaceLineEndings(" ")}")
            .ToList();
        Assert.True(findings.Count == 0, $"Reads of a whole table in {subgraph}:\n" + string.Join("\n", findings));
    }

    /// <summary>Each root query field once per argument list below (a field without required arguments also once without any).</summary>
    private static IEnumerable<(string Query, object? Variables)> RootOperations(ISchema schema, SchemaSelection selection, KnownValues known)
    {
        var customer = known.Customer;
        var week = $"from: \"{known.WeekStart}\", to: \"{known.Today}\"";
        var arguments = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            // customers
            ["customer"] = [$"(id: \"{customer.Id}\")"],
            ["account"] = [$"(number: \"{customer.Accounts[0].Number}\")"],
            ["customers"] =
            [
                "", "(first: 5)", $"(first: 5, after: \"{known.CustomerCursor}\")", "(search: \"son\")", "(search: \"ana sofia silva\")", "(search: \"EXAMPLE.COM\", first: 5)", "(search: \".12@example.com\")",
                $"(search: \"{customer.Id}\")", $"(search: \"{customer.Location.PremiseId}\")", $"(search: \"{customer.Location.MeterId}\")",
                $"(search: \"{customer.Accounts[0].Number}\")", $"(search: \"{known.Phone}\")",
            ],
            ["agentAccessLog"] = [$"(customerId: \"{customer.Id}\", {week})"],

            // billing
            ["bill"] = [$"(id: \"{known.Id("bills")}\")"],

            // usage
            ["meterUsage"] = new[] { "QUARTER_HOUR", "HOUR", "DAY", "MONTH" }.Select(granularity => $"(meterId: \"{customer.Location.MeterId}\", {week}, granularity: {granularity})").ToArray(),

            // outages
            ["outage"] = [$"(id: \"{known.Id("outages")}\")"],
            ["activeOutages"] = [""],

            // products
            ["product"] = [$"(id: \"{known.Id("products")}\")"],
            ["products"] = ["", "(category: EV_CHARGER)"],

            // communications
            ["messageTemplates"] = ["", "(topic: BILLING)"],

            // service
            ["case"] = [$"(id: \"{known.Id("cases")}\")"],
            ["agentWorkList"] = [$"(agent: \"{known.Value("cases", "AssignedAgent")}\")"],
            ["queueWorkList"] = ["(queue: BILLING)"],
            ["serviceQualityMetrics"] = [$"({week})", $"({week}, queue: BILLING)"],
            ["knowledgeArticle"] = [$"(id: \"{known.Id("knowledge_articles")}\")"],
            ["knowledgeArticles"] = ["", "(category: BILLING)"],
            ["searchKnowledgeArticles"] = ["(query: \"bill\")"],
        };

        foreach (var field in schema.Query!.Fields.Where(field => !field.Name.StartsWith('_')).OrderBy(field => field.Name, StringComparer.Ordinal))
        {
            if (!arguments.TryGetValue(field.Name, out var lists))
            {
                Assert.DoesNotContain(field.Arguments ?? [], argument => argument.ResolvedType is NonNullGraphType && argument.DefaultValue is null);
                lists = [""];
            }

            var type = field.ResolvedType!.GetNamedType();
            var selected = type is IComplexGraphType or IAbstractGraphType ? selection.Select(type.Name, Depth) : "";
            foreach (var list in lists)
            {
                yield return ($"{{ {field.Name}{list} {selected} }}", null);
            }
        }
    }

    /// <summary>One <c>_entities</c> request per entity type (and per key), with several representations each.</summary>
    private static IEnumerable<(string Query, object? Variables)> EntityOperations(string subgraph, ISchema schema, SchemaSelection selection, KnownValues known)
    {
        var customers = known.Demo.Customers().Take(3).ToList();
        var representations = new Dictionary<string, object[][]>(StringComparer.Ordinal)
        {
            ["Customer"] = [Of(customers.Select(customer => subgraph == "service"
                ? (object)new { __typename = "Customer", id = customer.Id, overdueBalance = 12.5, activeOutageCount = 1, nextOfferExpiry = (string?)null }
                : new { __typename = "Customer", id = customer.Id }))],
            ["Account"] =
            [
                Of(customers.Select(customer => new { __typename = "Account", id = customer.Accounts[0].Id })),
                Of(customers.Select(customer => new { __typename = "Account", number = customer.Accounts[0].Number })),
            ],
            ["ServiceLocation"] = [Of(customers.Select(customer => new { __typename = "ServiceLocation", id = customer.Location.Id }))],
            ["Bill"] = [Of(known.Ids("bills").Select(id => new { __typename = "Bill", id }))],
            ["Outage"] = [Of(known.Ids(subgraph == "service" ? "cases" : "outages", subgraph == "service" ? "OutageId" : "Id").Select(id => new { __typename = "Outage", id }))],
            ["Product"] = [Of(known.Ids("products").Select(id => new { __typename = "Product", id }))],
            ["Enrollment"] = [Of(known.Ids("enrollments").Select(id => new { __typename = "Enrollment", id }))],
        };

        var entity = (IAbstractGraphType)schema.AllTypes["_Entity"]!;
        foreach (var type in entity.PossibleTypes.OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            Assert.True(representations.TryGetValue(type.Name, out var sets), $"No representations for the entity type {type.Name}.");
            if (subgraph != "billing" && type.Name == "Account" && !type.Fields.Any(field => field.Name == "number"))
            {
                sets = sets[..1];
            }

            foreach (var set in sets)
            {
                Assert.NotEmpty(set);
                yield return ($"query ($r: [_Any!]!) {{ _entities(representations: $r) {{ ... on {type.Name} {selection.Select(type.Name, Depth, representation: true)} }} }}", new { r = set });
            }
        }
    }

    private static object[] Of<T>(IEnumerable<T> items) => [.. items.Cast<object>()];

    /// <summary>Keys and values of the seeded database the operations ask for.</summary>
    private sealed class KnownValues
    {
        private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

        public required DemoCustomer Customer { get; init; }

        public required DemoGraph Demo { get; init; }

        public required string Today { get; init; }

        public required string WeekStart { get; init; }

        public string Phone { get; private set; } = "+1 (555) 000-0000";

        public string CustomerCursor => UCE.Customers.Types.CustomerCursor.Encode(Customer.Id);

        public string Id(string table) => Value(table, "Id");

        public string Value(string table, string column) => Ids(table, column) is [var first, ..] ? first : "none";

        public List<string> Ids(string table, string column = "Id") =>
            values.TryGetValue(table + "." + column, out var found) ? found : [];

        public static async Task<KnownValues> ReadAsync(string connectionString, SubgraphTestHost host)
        {
            var demo = host.Demo;
            var today = host.DemoDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var known = new KnownValues
            {
                Customer = demo.Customers().First(),
                Demo = demo,
                Today = today.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                WeekStart = today.AddDays(-7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var (table, column) in new[]
            {
                ("bills", "Id"), ("outages", "Id"), ("products", "Id"), ("enrollments", "Id"), ("cases", "Id"), ("cases", "AssignedAgent"),
                ("cases", "OutageId"), ("knowledge_articles", "Id"), ("customers", "Phone"),
            })
            {
                await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
                exists.Parameters.AddWithValue("table", table);
                if (!(bool)(await exists.ExecuteScalarAsync())!)
                {
                    continue;
                }

                await using var read = new NpgsqlCommand($"SELECT \"{column}\" FROM {table} WHERE \"{column}\" IS NOT NULL ORDER BY 1 LIMIT 3", connection);
                var found = new List<string>();
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    found.Add(reader.GetString(0));
                }

                known.values[table + "." + column] = found;
            }

            if (known.Ids("customers", "Phone") is [var phone, ..])
            {
                // The same number typed another way: spaces and parentheses instead of dashes.
                var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
                known.Phone = $"+{digits[..1]} ({digits[1..4]}) {digits[4..7]} {digits[7..]}";
            }

            return known;
        }
    }
}
