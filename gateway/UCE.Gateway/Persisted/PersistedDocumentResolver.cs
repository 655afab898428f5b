using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Transport;

namespace UCE.Gateway.Persisted;

/// <summary>
/// The request step before the engine: finds the document a request names by id (<c>documentId</c>, <c>id</c>,
/// <c>doc_id</c>, or <c>extensions.persistedQuery.sha256Hash</c>), applies the client's policy, and after execution
/// registers automatic persisted queries and counts trusted documents' use. A trusted document reaches the engine with its
/// stored text and content hash as the document key, so that a cached document costs no parsing and no hashing.
/// </summary>
public sealed partial class PersistedDocumentResolver
{
    private readonly PersistedDocumentRegistry _registry;
    private readonly IPersistedDocumentStore _store;
    private readonly PersistedDocumentMetrics _metrics;
    private readonly PersistedDocumentOptions _options;
    private readonly ILogger<PersistedDocumentResolver> _logger;

    // Automatic persisted queries this gateway has seen, by hash: content-addressed, so an entry never goes stale.
    private readonly BoundedCache<string, string> _automatic;

    public PersistedDocumentResolver(
        PersistedDocumentRegistry registry,
        IPersistedDocumentStore store,
        PersistedDocumentMetrics metrics,
        IOptions<PersistedDocumentOptions> options,
        ILogger<PersistedDocumentResolver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _store = store;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _automatic = new BoundedCache<string, string>(Math.Max(1, _options.ApqMemoryCacheSize), StringComparer.Ordinal);
    }

    /// <summary>The operation to run (its document filled in) and the key to cache it under, or the refusal to answer with.</summary>
    public async ValueTask<PersistedResolution> ResolveAsync(GraphQLHttpRequest operation, PersistedClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(client);
        var started = Stopwatch.GetTimestamp();
        string? hash = null;
        if (operation.Extensions is { } extensions && extensions.TryGetProperty("persistedQuery", out var persistedQuery)
            && !TryReadPersistedQuery(persistedQuery, out hash, out var malformed))
        {
            return PersistedResolution.Refused(malformed!);
        }

        if (operation.Query is { } query)
        {
            if (client.PersistedOnly)
            {
                // Refused before anything reads the document: it is neither parsed nor hashed.
                return PersistedResolution.Refused(GatewayResponse.RequestError(
                    $"Client '{client.Name}' may send only its trusted documents, by id; a document in the request is not accepted.",
                    PersistedErrorCodes.NotAllowed));
            }

            if (operation.DocumentId is not null)
            {
                return PersistedResolution.Refused(GatewayResponse.RequestError("Send either a document or a persisted document's id, not both.", PersistedErrorCodes.BadRequest));
            }

            if (hash is null || !client.AllowApq)
            {
                return new PersistedResolution(operation, null, null, null, null, started);
            }

            // A registration: the hash must be the document's. A document this gateway already knows under the hash is compared, not hashed.
            if (!(_automatic.TryGet(hash, out var known) && known == query) && PersistedDocument.Sha256Hex(query) != hash)
            {
                return PersistedResolution.Refused(GatewayResponse.RequestError(
                    "The document's SHA-256 is not the sha256Hash the request gave for it.", PersistedErrorCodes.HashMismatch));
            }

            return new PersistedResolution(operation, PersistedDocument.Sha256Prefix + hash, null, hash, null, started);
        }

        var id = operation.DocumentId ?? hash;
        if (id is null)
        {
            return PersistedResolution.Refused(GatewayResponse.RequestError("The request carries neither a document nor a persisted document's id.", PersistedErrorCodes.BadRequest));
        }

        if (operation.DocumentId is not null && hash is not null && PersistedDocument.ClaimedSha256(operation.DocumentId) != hash)
        {
            return PersistedResolution.Refused(GatewayResponse.RequestError("The request names two different persisted documents.", PersistedErrorCodes.BadRequest));
        }

        if (_registry.Find(client.Name, id) is { } trusted)
        {
            return new PersistedResolution(operation with { Query = trusted.Body }, trusted.ContentHash, trusted, null, null, started);
        }

        if (client.PersistedOnly || PersistedDocument.ClaimedSha256(id) is not { } sha256)
        {
            return PersistedResolution.Refused(NotFound());
        }

        if (!client.AllowApq)
        {
            return PersistedResolution.Refused(hash is null ? NotFound() : GatewayResponse.RequestError("PersistedQueryNotSupported", PersistedErrorCodes.NotSupported));
        }

        if (!_automatic.TryGet(sha256, out var text))
        {
            try
            {
                text = await _store.GetAutomaticAsync(sha256, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Without the store the client falls back to sending the document, which still works.
                LogStoreFailed(_logger, exception);
                text = null;
            }

            if (text is null)
            {
                return PersistedResolution.Refused(NotFound());
            }

            _automatic.Set(sha256, text);
        }

        return new PersistedResolution(operation with { Query = text }, PersistedDocument.Sha256Prefix + sha256, null, null, null, started);
    }

    /// <summary>After execution: registers the automatic persisted query the request carried (when it ran) and counts a trusted document's use.</summary>
    public async ValueTask CompleteAsync(PersistedResolution resolution, PersistedClient client, GatewayResponse response)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(response);
        if (resolution.Trusted is { } trusted)
        {
            _metrics.Record(client.Name ?? "", trusted, failed: response.Errors.Count > 0, Stopwatch.GetElapsedTime(resolution.StartedAt));
        }

        // Only a document that passed parsing and validation is registered: a refused one would only take room.
        if (resolution.RegisterSha256 is { } sha256 && !response.IsRequestError && resolution.Operation?.Query is { } document
            && !(_automatic.TryGet(sha256, out var known) && known == document))
        {
            _automatic.Set(sha256, document);
            try
            {
                await _store.SetAutomaticAsync(sha256, document, _options.ApqTimeToLive, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogStoreFailed(_logger, exception);
            }
        }
    }

    /// <summary>Apollo's wire message, which older clients match on rather than the code.</summary>
    private static GatewayResponse NotFound() => GatewayResponse.RequestError("PersistedQueryNotFound", PersistedErrorCodes.NotFound);

    private static bool TryReadPersistedQuery(JsonElement persistedQuery, out string? hash, out GatewayResponse? refusal)
    {
        hash = null;
        refusal = null;
        if (persistedQuery.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (persistedQuery.ValueKind != JsonValueKind.Object
            || !persistedQuery.TryGetProperty("sha256Hash", out var value) || value.ValueKind != JsonValueKind.String
            || !PersistedDocument.IsSha256Hex(value.GetString()))
        {
            refusal = GatewayResponse.RequestError("extensions.persistedQuery must carry sha256Hash, the hex SHA-256 of the document.", PersistedErrorCodes.BadRequest);
            return false;
        }

        if (persistedQuery.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number == 1))
        {
            refusal = GatewayResponse.RequestError("PersistedQueryNotSupported", PersistedErrorCodes.NotSupported);
            return false;
        }

        hash = value.GetString()!.ToLowerInvariant();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The automatic persisted query store failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}

/// <summary>What <see cref="PersistedDocumentResolver"/> made of one operation.</summary>
/// <param name="Operation">The operation to run, its document filled in; <c>null</c> when refused.</param>
/// <param name="DocumentKey">The content hash the engine caches the document under; <c>null</c> for a free-form document.</param>
/// <param name="Trusted">The trusted document the request named, if it named one.</param>
/// <param name="RegisterSha256">The hash to register the document under once it ran (automatic persisted queries).</param>
/// <param name="Refusal">The answer when the operation may not run.</param>
/// <param name="StartedAt">When resolution started (<see cref="Stopwatch.GetTimestamp"/>), for the duration metric.</param>
public readonly record struct PersistedResolution(
    GraphQLHttpRequest? Operation,
    string? DocumentKey,
    PersistedDocument? Trusted,
    string? RegisterSha256,
    GatewayResponse? Refusal,
    long StartedAt)
{
    public static PersistedResolution Refused(GatewayResponse refusal) => new(null, null, null, null, refusal, 0);
}
