using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// Records every SQL command a host sends to PostgreSQL, with copies of its parameters and the role it ran as. Register it as
/// an <see cref="IInterceptor"/> service (<c>services: s => s.AddSingleton&lt;IInterceptor&gt;(capture)</c>); the hosting
/// library adds such services to every context it makes.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly ConcurrentQueue<CapturedCommand> commands = new();

    /// <summary>What was sent since the start or the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<CapturedCommand> Commands => [.. commands];

    public void Clear() => commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command is NpgsqlCommand npgsql)
        {
            commands.Enqueue(new CapturedCommand(
                npgsql.CommandText,
                [.. npgsql.Parameters.Select(parameter => parameter.Clone())],
                npgsql.Connection?.UserName));
        }
    }
}

/// <summary>One SQL command as sent: its text, its parameters (copies) and the database role of its connection.</summary>
public sealed record CapturedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters, string? UserName)
{
    /// <summary>A read: a statement that starts with <c>SELECT</c> or <c>WITH</c>.</summary>
    public bool IsRead =>
        Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
        || Text.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
}
