using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UCE.Subgraphs.Hosting.Database;

/// <summary>Counts the SQL commands one host sends to its database (tests assert that N parents cost as many commands as 5).</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<bool> Suspended = new();
    private long count;

    /// <summary>Commands executed since the host started or since the last <see cref="Reset"/>.</summary>
    public long Count => Interlocked.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    /// <summary>
    /// Leaves the commands of the current flow uncounted until disposed: background work (the outbox relay's polls) that runs
    /// beside the requests a test measures.
    /// </summary>
    public static IDisposable Uncounted()
    {
        Suspended.Value = true;
        return new Resumption();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }

    private void CountOne()
    {
        if (!Suspended.Value)
        {
            Interlocked.Increment(ref count);
        }
    }

    private sealed class Resumption : IDisposable
    {
        public void Dispose() => Suspended.Value = false;
    }
}
