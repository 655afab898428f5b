using System.Globalization;
using System.Text.Json;
using Npgsql;
using UCE.Customers;
using UCE.Customers.Data.Migrations;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Scale;

/// <summary>
/// PostgreSQL's choice between reading the primary key in order (a page of a common name) and the trigram index (a rare
/// text) rests on its estimate of how many customers a search text matches. The customers migration keeps the most common
/// names in the statistics; these tests make a table where 400 person names share two thirds of the rows (as generated
/// customers do, and as common names do among real ones) and check the estimates the planner then makes.
/// </summary>
public sealed class CustomerNameStatisticsTests
{
    internal const int PersonsPerName = 100;
    private const int Businesses = 20_000;

    private static readonly string[] FirstNames =
    [
        "Amara", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
        "Kavya", "Lucien", "Mireille", "Nikolai", "Odette", "Pablo", "Quentin", "Rosalind", "Soren", "Tamsin",
    ];

    private static readonly string[] LastNames =
    [
        "Abernathy", "Bergstrom", "Castellano", "Delacroix", "Eriksen", "Fairweather", "Galloway", "Holloway", "Ivanova", "Jablonski",
        "Kowalczyk", "Lindqvist", "Montague", "Novak", "Okonkwo", "Pemberton", "Quiroga", "Rasmussen", "Szabo", "Thornbury",
    ];

    [Fact]
    public async Task The_planner_knows_each_common_full_name_and_estimates_its_matches()
    {
        await using var database = await PostgresDatabase.CreateAsync("namestats");
        await using (await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, seedDemoData: false))
        {
            // The start migrates the database.
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(CustomerNameStatistics.NameStatisticsTarget, await ScalarAsync<int>(connection,
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'customers'::regclass AND attname = 'Name'"));
        await FillAsync(connection);

        var names = FirstNames.SelectMany(first => LastNames.Select(last => $"{first} {last}")).ToList();
        var common = (await ScalarAsync<string[]>(connection, "SELECT most_common_vals::text::text[] FROM pg_stats WHERE tablename = 'customers' AND attname = 'Name'"))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(name => !common.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"{unknown.Count} of {names.Count} common names are missing from the statistics, e.g. {string.Join(", ", unknown.Take(5))}.");

        // A common name as the search sends it (any letter case, anywhere in the name): estimated within a factor of two of
        // its 100 matches, where PostgreSQL's default for an unknown text is 6 rows of these 60,000.
        foreach (var name in names.Where((_, index) => index % 20 == 0))
        {
            var estimate = await EstimatedRowsAsync(connection, $"%{name.ToLowerInvariant()}%");
            Assert.InRange(estimate, PersonsPerName / 2, PersonsPerName * 2);
        }

        // A rare text stays rare in the estimate, so that it is still looked up through the trigram index.
        Assert.InRange(await EstimatedRowsAsync(connection, "%harbour freight #12345%"), 0, PersonsPerName / 10);
    }

    /// <summary>400 person names, 100 customers each, and 20,000 businesses with names of their own; then ANALYZE.</summary>
    internal static async Task FillAsync(NpgsqlConnection connection)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO customers ("Id", "Name", "Email", "Phone", "Segment", "Since")
            SELECT 'cus-s' || lpad(n::text, 6, '0'),
                   CASE WHEN n <= @persons THEN (@first)[1 + n % 20] || ' ' || (@last)[1 + (n / 20) % 20] ELSE 'Harbour Freight #' || n END,
                   'customer.' || n || '@example.org',
                   '+1-555-' || lpad((n % 10000000)::text, 7, '0'),
                   CASE WHEN n <= @persons THEN 'Residential' ELSE 'Commercial' END,
                   DATE '2020-01-01'
            FROM generate_series(1, @total) AS n;
            ANALYZE customers;
            """,
            connection);
        var persons = FirstNames.Length * LastNames.Length * PersonsPerName;
        insert.Parameters.AddWithValue("persons", persons);
        insert.Parameters.AddWithValue("total", persons + Businesses);
        insert.Parameters.AddWithValue("first", FirstNames);
        insert.Parameters.AddWithValue("last", LastNames);
        insert.CommandTimeout = 120;
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The planner's row estimate for names matching <paramref name="pattern"/> (as customers(search:) asks).</summary>
    private static async Task<double> EstimatedRowsAsync(NpgsqlConnection connection, string pattern)
    {
        await using var explain = new NpgsqlCommand("""EXPLAIN (FORMAT JSON) SELECT "Id" FROM customers WHERE "Name" ILIKE @pattern""", connection);
        explain.Parameters.AddWithValue("pattern", pattern);
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = (await command.ExecuteScalarAsync())!;
        return value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }
}
