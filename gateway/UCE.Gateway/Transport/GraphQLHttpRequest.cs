using System.Buffers;
using System.Text.Json;

namespace UCE.Gateway.Transport;

/// <summary>
/// One operation as a GraphQL-over-HTTP request carries it: a document in <paramref name="Query"/>, or the id of a persisted
/// document in <paramref name="DocumentId"/> (<c>documentId</c>, <c>id</c> or <c>doc_id</c>; Apollo's
/// <c>extensions.persistedQuery</c> stays in <paramref name="Extensions"/>). The JSON values point into
/// <see cref="GraphQLHttpRequestBatch"/>'s document and live as long as it does.
/// </summary>
public sealed record GraphQLHttpRequest(string? Query, string? OperationName, JsonElement? Variables, JsonElement? Extensions, string? DocumentId = null);

/// <summary>The operations of one HTTP request: one, or a batch (a JSON array), and the JSON they were read from.</summary>
public sealed class GraphQLHttpRequestBatch : IDisposable
{
    private readonly IReadOnlyList<JsonDocument> _documents;
    private byte[]? _rentedBody;

    /// <param name="operations">The operations, in the order of the body.</param>
    /// <param name="isBatch">True when the body was an array.</param>
    /// <param name="documents">The JSON the operations point into; disposed with the batch.</param>
    /// <param name="rentedBody">The pooled buffer the documents were parsed from; returned to the pool on dispose.</param>
    public GraphQLHttpRequestBatch(IReadOnlyList<GraphQLHttpRequest> operations, bool isBatch, IReadOnlyList<JsonDocument> documents, byte[]? rentedBody = null)
    {
        Operations = operations;
        IsBatch = isBatch;
        _documents = documents;
        _rentedBody = rentedBody;
    }

    public IReadOnlyList<GraphQLHttpRequest> Operations { get; }

    /// <summary>True when the body was an array: the answer is then an array too.</summary>
    public bool IsBatch { get; }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }

        if (Interlocked.Exchange(ref _rentedBody, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
