using System.Text;
using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>
/// One page of customers of a search. The page is read when one of its fields is first resolved, not before the
/// connection's fields run: a <c>totalCount</c> asked beside it then runs its own query at the same time, on another
/// connection, and the response waits for the slower of the two instead of their sum.
/// </summary>
public sealed class CustomerConnection
{
    private readonly Lazy<Task<CustomerPage>> page;

    public CustomerConnection(Func<Task<CustomerPage>> read, string? search)
    {
        ArgumentNullException.ThrowIfNull(read);
        page = new Lazy<Task<CustomerPage>>(read, LazyThreadSafetyMode.ExecutionAndPublication);
        Search = search;
    }

    /// <summary>The search text the page was found by (null for all customers), which <c>totalCount</c> counts again.</summary>
    public string? Search { get; }

    /// <summary>The page, read once for every field that asks.</summary>
    public Task<CustomerPage> Page => page.Value;
}

/// <summary>The customers of a page and where it sits.</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerEdge> Edges, PageInfo PageInfo);

/// <summary>A customer and the cursor to page after it.</summary>
public sealed record CustomerEdge(string Cursor, Customer Node);

/// <summary>Where a page sits in the whole list.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>Opaque cursors over customer ids (base64 of <c>customer:&lt;id&gt;</c>).</summary>
public static class CustomerCursor
{
    private const string Prefix = "customer:";

    public static string Encode(string customerId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + customerId));

    public static bool TryDecode(string cursor, out string customerId)
    {
        customerId = string.Empty;
        var buffer = new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, buffer, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length == Prefix.Length)
        {
            return false;
        }

        customerId = text[Prefix.Length..];
        return true;
    }
}
