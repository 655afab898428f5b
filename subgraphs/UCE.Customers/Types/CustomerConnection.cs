using System.Text;
using UCE.Customers.Data;

namespace UCE.Customers.Types;

/// <summary>One page of customers.</summary>
public sealed record CustomerConnection(IReadOnlyList<CustomerEdge> Edges, PageInfo PageInfo, string? Search);

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
