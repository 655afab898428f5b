using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary>
/// <c>totalCount</c> of name text with a space between words: PostgreSQL counts it through the word joins of the names
/// (<see cref="CustomerWordJoins"/>) and the customers whose e-mail alone contains the text. The count must stay exactly
/// min(matches, atMost) for every text: the same as SQLite's (which counts the plain search), the same as a plain
/// <c>ILIKE</c> over the table, and the same as .NET finds in the names and e-mails, for names built to catch a filter
/// that leaves a customer out (a text that starts or ends inside a word, double spaces, short words, LIKE's own
/// characters, a name and an e-mail that both match).
/// </summary>
public sealed class CustomerSearchCountTests
{
    private const string Count = """
        query($search: String, $atMost: Int) {
          customers(search: $search, first: 1) { exact: totalCount capped: totalCount(atMost: $atMost) }
        }
        """;

    private static readonly (string Name, string Email)[] Tricky =
    [
        ("SOFIA SILVA", "s.silva@example.com"),
        ("sofia silva", "ss@example.com"),
        ("Asofia Silvana", "asofia@example.com"),
        ("Ana Sofia Silva-Reyes", "ana.reyes@example.com"),
        ("Sofia Silvestre", "sofia.silvestre@example.com"),
        ("Sofia  Silva", "double.space@example.com"),
        ("Sofia\tSilva", "tab@example.com"),
        ("Marisofia Silva", "marisofia@example.com"),
        ("Unrelated Person", "sofia silva@example.com"),
        ("Sofia Silva", "sofia silva@example.org"),
        ("100% Pure Juice Co", "juice@example.com"),
        ("a_b Cde Fgh", "underscore@example.com"),
        ("Back\\slash Trading Co", "backslash@example.com"),
        ("Jo  Al Smithers", "jo.al@example.com"),
        ("Li Na Wu Ko", "li.na@example.com"),
        ("Oak Street Hardware #15", "oak15@example.com"),
        ("Oak Street Hardware #150", "oak150@example.com"),
        ("  Lead And Trail  ", "spaces@example.com"),
    ];

    private static readonly string[] Searches =
    [
        "sofia silva", "SOFIA SILVA", "Sofia Silv", "fia sil", "ofia silvan", "sofia  silva", "a sofia silva", "sofia silva-reyes",
        "asofia silva", "unrelated person", "100% pur", "a_b cde", "a_b cd", "ack\\slash tra", "jo  al smi", "o  al s", "li na wu ko", "na wu ko",
        "street hardware #15", "eet hardware #150", "lead and trail", "d and t", "sofia silva@example", "no such person here",
    ];

    [Fact]
    public async Task A_count_of_name_text_with_words_is_exact_on_both_stores()
    {
        await using var database = await PostgresDatabase.CreateAsync("search_words");
        var capture = new SqlCapture();
        await using var postgres = await SubgraphTestHost.StartAsync(
            new CustomersSubgraph(), database.ConnectionString, seedDemoData: false, services: services => services.AddSingleton<IInterceptor>(capture));
        await using var sqlite = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), null, seedDemoData: false);

        var customers = Customers();
        foreach (var host in (SubgraphTestHost[])[postgres, sqlite])
        {
            await AddAsync(host, customers.Select(customer => (customer.Id, customer.Name, customer.Email)));
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE customers", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var searches = Searches.Concat(Substrings(customers, new Random(20261202), 150)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(searches.Count(CustomerWordJoins.HasAny) > 100);
        capture.Clear();
        var failures = new List<string>();
        foreach (var search in searches)
        {
            var text = search.Trim();
            var expected = customers.Count(customer =>
                customer.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || customer.Email.Contains(text, StringComparison.OrdinalIgnoreCase));
            var plain = await PlainCountAsync(connection, text);
            Assert.True(expected == plain, $"'{search}': .NET finds {expected}, PostgreSQL's ILIKE {plain}.");
            foreach (var atMost in (int[])[1, 2, 100])
            {
                foreach (var (store, host) in new[] { ("PostgreSQL", postgres), ("SQLite", sqlite) })
                {
                    var counted = (await host.As(TestCallers.Agent).PostAsync(Count, new { search, atMost })).EnsureNoErrors().At("customers");
                    var (exact, capped) = (counted.GetProperty("exact").GetInt32(), counted.GetProperty("capped").GetInt32());
                    if (exact != expected || capped != Math.Min(expected, atMost))
                    {
                        failures.Add($"'{search}' atMost {atMost} on {store}: {exact} / {capped}, expected {expected} / {Math.Min(expected, atMost)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The texts with a word join went through the index of word joins on PostgreSQL.
        Assert.Contains(capture.Commands, command => command.Text.Contains("customer_name_may_contain", StringComparison.Ordinal));
        Assert.True(customers.Count(customer => customer.Name == "Sofia Silva") > 100, "The common name's count is capped.");
    }

    [Fact]
    public async Task PostgreSQL_counts_names_that_differ_only_in_letter_case_outside_ascii()
    {
        await using var database = await PostgresDatabase.CreateAsync("search_words_case");
        await using var postgres = await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, seedDemoData: false);
        string[] names = ["Ümit Özdemir", "ÜMIT ÖZDEMIR", "ümit özdemir", "Émilie Dubois-Ångström", "ÉMILIE DUBOIS-ÅNGSTRÖM", "Straße Müller Gmbh"];
        await AddAsync(postgres, names.Select((name, index) => ($"cus-u{index:D5}", name, $"u{index}@example.com")));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var search in (string[])["ümit özdemir", "MIT ÖZD", "émilie dubois-å", "LIE DUBOIS", "straße müller", "STRASSE MÜLLER"])
        {
            Assert.True(CustomerWordJoins.HasAny(search), search);
            var expected = await PlainCountAsync(connection, search);
            foreach (var atMost in (int[])[1, 2, 100])
            {
                var counted = (await postgres.As(TestCallers.Agent).PostAsync(Count, new { search, atMost })).EnsureNoErrors().At("customers");
                Assert.Equal(expected, counted.GetProperty("exact").GetInt32());
                Assert.Equal(Math.Min(expected, atMost), counted.GetProperty("capped").GetInt32());
            }
        }

        Assert.Equal(3L, await PlainCountAsync(connection, "ümit özdemir"));
    }

    /// <summary>The tricky names, 120 more of the common one, and 300 of a small vocabulary of words.</summary>
    private static List<(string Id, string Name, string Email)> Customers()
    {
        string[] words = ["Sofia", "Silva", "Ana", "Reyes", "Asofi", "Silvan", "Maple", "Grove", "Clinic", "Jo", "Al", "Li", "Oak"];
        var random = new Random(7);
        var list = Tricky.Select((customer, index) => ($"cus-t{index:D5}", customer.Name, customer.Email)).ToList();
        list.AddRange(Enumerable.Range(0, 120).Select(index => ($"cus-c{index:D5}", "Sofia Silva", $"sofiasilva.{index}@example.com")));
        list.AddRange(Enumerable.Range(0, 300).Select(index =>
        {
            var name = string.Join(random.Next(10) == 0 ? "  " : " ", Enumerable.Range(0, 2 + random.Next(3)).Select(_ => words[random.Next(words.Length)]));
            return ($"cus-v{index:D5}", name, $"v{index}@example.com");
        }));
        return list;
    }

    /// <summary>Pieces of the names that hold a word join, in random letter case.</summary>
    private static IEnumerable<string> Substrings(List<(string Id, string Name, string Email)> customers, Random random, int count)
    {
        var found = 0;
        while (found < count)
        {
            var name = customers[random.Next(customers.Count)].Name;
            var start = random.Next(name.Length);
            var length = random.Next(1, name.Length - start + 1);
            var piece = new string([.. name.Substring(start, length).Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]);
            if (CustomerWordJoins.HasAny(piece.Trim()))
            {
                found++;
                yield return piece;
            }
        }
    }

    /// <summary>The customers whose name or e-mail contains <paramref name="text"/>, by a plain ILIKE over the table.</summary>
    private static async Task<long> PlainCountAsync(NpgsqlConnection connection, string text)
    {
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM customers WHERE "Name" ILIKE @pattern ESCAPE '\' OR "Email" ILIKE @pattern ESCAPE '\'""", connection);
        command.Parameters.AddWithValue("pattern", "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AddAsync(SubgraphTestHost host, IEnumerable<(string Id, string Name, string Email)> customers)
    {
        await using var db = host.CreateDbContext<CustomersDbContext>();
        db.Customers.AddRange(customers.Select(customer => new Customer
        {
            Id = customer.Id,
            Name = customer.Name,
            Email = customer.Email,
            Phone = "+1-555-010-0000",
            Segment = CustomerSegment.Residential,
            Since = new DateOnly(2020, 1, 1),
        }));
        await db.SaveChangesAsync();
    }
}
