using System.Collections.Concurrent;
using GraphQLParser.AST;
using UCE.Subgraphs.Hosting.Http;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// Parsed documents of the operations WebSocket clients start, by query text. A subscription keeps its document for its
/// whole life, and thousands of clients subscribe with the same few texts: sharing one parsed document (as GraphQL.NET's
/// own document cache does; execution never changes a document) saves its syntax tree per subscription. Holds at most
/// <see cref="Capacity"/> texts; once full, texts not yet seen are parsed for their operation alone.
/// </summary>
internal sealed class SubscriptionDocumentCache
{
    /// <summary>The most query texts kept.</summary>
    public const int Capacity = 1000;

    // Longer texts are parsed each time: they are rarely repeated, and the cache must stay small.
    private const int MaxCachedQueryLength = 16 * 1024;

    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    public int Count => documents.Count;

    /// <summary>The parsed document of <paramref name="query"/>; null when it does not parse (the executer reports why).</summary>
    public GraphQLDocument? Get(string query)
    {
        if (documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var document = GraphQLDocumentParser.Parse(query, out _);
        if (document is not null && query.Length <= MaxCachedQueryLength && documents.Count < Capacity)
        {
            return documents.GetOrAdd(query, document);
        }

        return document;
    }
}
