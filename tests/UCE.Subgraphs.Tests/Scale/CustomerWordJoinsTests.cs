using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Scale;

/// <summary>
/// The word joins of customers' names (migration <c>CustomerNameWordJoins</c>): what PostgreSQL's function makes of a
/// text, that .NET tells the same texts apart as having one, and that a count of a common full name is planned through
/// their index, not through the trigram index (whose entries for two common words are what made it slow).
/// </summary>
public sealed class CustomerWordJoinsTests
{
    [Fact]
    public async Task The_word_joins_of_a_text_are_the_seven_characters_around_each_space()
    {
        await using var database = await PostgresDatabase.CreateAsync("wordjoins");
        await using (await SubgraphTestHost.StartAsync(new CustomersSubgraph(), database.ConnectionString, seedDemoData: false))
        {
            // The start migrates the database.
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var cases = new (string Text, string[] Joins)[]
        {
            ("Sofia Silva", ["fia sil"]),
            ("Riverside Bakery #15", ["ide bak", "ery #15"]),
            ("abc def", ["abc def"]),
            ("ab cd", []),
            ("abc de", []),
            ("abc de f ghi", ["abc de ", " de f g", "e f ghi"]),
            ("Jo  Smithers x", ["jo  smi"]),
            ("a  b  c  d", ["  b  c ", " b  c  "]),
            ("  abc  def  ", ["abc  de", "bc  def"]),
            ("ÜMIT ÖZDEMIR", ["mit özd"]),
            ("😀😀😀 abc", ["😀😀😀 abc"]),
            ("😀😀 abc", []),
            ("", []),
        };
        foreach (var (text, joins) in cases)
        {
            await using var command = new NpgsqlCommand("SELECT customer_word_joins(@text)", connection);
            command.Parameters.AddWithValue("text", text);
            var found = (string[])(await command.ExecuteScalarAsync())!;
            Assert.True(joins.SequenceEqual(found), $"'{text}': {string.Join(" | ", found)}");
            Assert.True(joins.Length > 0 == CustomerWordJoins.HasAny(text), $"'{text}': .NET and PostgreSQL disagree on whether it has a word join.");
        }
    }

    [Fact]
    public async Task A_count_of_a_common_full_name_is_planned_through_the_word_joins()
    {
        await using var database = await PostgresDatabase.CreateAsync("wordjoins_plan");
        var capture = new SqlCapture();
        await using var host = await SubgraphTestHost.StartAsync(
            new CustomersSubgraph(), database.ConnectionString, seedDemoData: false, services: services => services.AddSingleton<IInterceptor>(capture));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await CustomerNameStatisticsTests.FillAsync(connection);

        foreach (var count in (string[])["totalCount(atMost: 100)", "totalCount"])
        {
            capture.Clear();
            var response = await host.As(TestCallers.Agent).PostAsync($"{{ customers(search: \"elena novak\", first: 1) {{ {count} }} }}");
            Assert.Equal(CustomerNameStatisticsTests.PersonsPerName, response.EnsureNoErrors().At("customers", "totalCount").GetInt32());
            var read = Assert.Single(capture.Commands, command => command.Text.Contains("customer_name_may_contain", StringComparison.Ordinal));
            await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + read.Text, connection);
            foreach (var parameter in read.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }

            using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
            var text = plan.RootElement.ToString();
            Assert.Contains("IX_customers_Name_word_joins", text, StringComparison.Ordinal);
            Assert.DoesNotContain("IX_customers_Name_trgm", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        }
    }
}
