using System.Text.Json;
using Npgsql;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// Runs <c>EXPLAIN</c> on captured SQL in a PostgreSQL database and names every read of a whole table: with
/// <c>enable_seqscan = off</c> the planner takes a sequential scan only when no index can serve the statement, so the
/// verdict does not depend on how many rows the test's database holds. A finding is
/// <list type="bullet">
/// <item>a <c>Seq Scan</c> of a table that is not the small tables named;</item>
/// <item>an index scan without an index condition that filters rows (it reads the whole index to find them), or that
/// no <c>Limit</c> above it stops (it reads the whole table in index order), unless a bitmap scan of an index can find
/// the rows when index scans are turned off too (then the planner chose the order scan for a page of common matches).</item>
/// </list>
/// </summary>
public static class QueryPlanCheck
{
    // Nodes that hand rows up as they read them, so that a Limit above them stops the scans below (a Sort or an
    // aggregate reads all its input first).
    private static readonly HashSet<string> Streaming =
        ["Limit", "LockRows", "Result", "Subquery Scan", "Nested Loop", "Unique", "Merge Join", "Incremental Sort", "Index Scan", "Index Only Scan"];

    /// <summary>The plan of every distinct read among <paramref name="commands"/>, and the findings in it.</summary>
    public static async Task<IReadOnlyList<ExplainedCommand>> ExplainAsync(string connectionString, IEnumerable<CapturedCommand> commands, IReadOnlySet<string> smallTables)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(smallTables);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "ANALYZE; SET enable_seqscan = off;");

        var explained = new List<ExplainedCommand>();
        foreach (var command in commands.Where(command => command.IsRead).DistinctBy(command => command.Text))
        {
            var (plan, seqScans, orderScans) = await ExplainOneAsync(connection, command, smallTables);
            var findings = new List<string>(seqScans);
            if (orderScans.Count > 0)
            {
                // An index scan without a condition may be the planner's choice for a page of common matches (read in
                // order until the page is full). It stands when an index can find the rows: with index scans off too,
                // the planner must then take a bitmap scan instead of reading the table.
                await ExecuteAsync(connection, "SET enable_indexscan = off; SET enable_indexonlyscan = off;");
                var (_, withoutIndexScans, _) = await ExplainOneAsync(connection, command, smallTables);
                await ExecuteAsync(connection, "RESET enable_indexscan; RESET enable_indexonlyscan;");
                if (withoutIndexScans.Count > 0)
                {
                    findings.AddRange(orderScans.Select(scan => scan + ", and no index serves its condition"));
                }
            }

            explained.Add(new ExplainedCommand(command.Text, plan, findings));
        }

        return explained;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(string Plan, List<string> SeqScans, List<string> OrderScans)> ExplainOneAsync(
        NpgsqlConnection connection, CapturedCommand command, IReadOnlySet<string> smallTables)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.Text, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var root = plan.RootElement[0].GetProperty("Plan");
        var (seqScans, orderScans) = (new List<string>(), new List<string>());
        Inspect(root, underLimit: false, smallTables, seqScans, orderScans);
        return (root.ToString(), seqScans, orderScans);
    }

    private static void Inspect(JsonElement node, bool underLimit, IReadOnlySet<string> smallTables, List<string> seqScans, List<string> orderScans)
    {
        var type = node.GetProperty("Node Type").GetString();
        var relation = node.TryGetProperty("Relation Name", out var name) ? name.GetString() : null;
        var large = relation is not null && !smallTables.Contains(relation);
        var stopped = type == "Limit"
            || (underLimit && type is not null && Streaming.Contains(type))
            || (node.TryGetProperty("Parent Relationship", out var parent) && parent.GetString() == "InitPlan");
        if (large && type == "Seq Scan")
        {
            seqScans.Add($"Seq Scan on {relation}" + (node.TryGetProperty("Filter", out var filter) ? $" (Filter: {filter.GetString()})" : ""));
        }
        else if (large && type is "Index Scan" or "Index Only Scan" && !node.TryGetProperty("Index Cond", out _))
        {
            var index = node.GetProperty("Index Name").GetString();
            if (node.TryGetProperty("Filter", out var filter))
            {
                orderScans.Add($"{type} on {relation} using {index} without an index condition (Filter: {filter.GetString()})");
            }
            else if (!stopped)
            {
                orderScans.Add($"{type} on {relation} using {index} without an index condition or a limit");
            }
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Inspect(child, stopped, smallTables, seqScans, orderScans);
            }
        }
    }
}

/// <summary>A captured statement, its plan (JSON) and what in the plan reads a large table whole.</summary>
public sealed record ExplainedCommand(string Text, string Plan, IReadOnlyList<string> Findings);
