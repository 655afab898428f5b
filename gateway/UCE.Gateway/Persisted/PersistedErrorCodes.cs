namespace UCE.Gateway.Persisted;

/// <summary>The <c>extensions.code</c> values of persisted-document refusals (Apollo's names, which clients act on).</summary>
public static class PersistedErrorCodes
{
    /// <summary>No document by that id for this client (and no automatic persisted query by that hash): send the document.</summary>
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>Automatic persisted queries are not open to this client, or the <c>persistedQuery</c> version is not 1.</summary>
    public const string NotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";

    /// <summary>The client may send only trusted documents by id, and this request carried a document.</summary>
    public const string NotAllowed = "PERSISTED_QUERY_NOT_ALLOWED";

    /// <summary>The document's SHA-256 is not the hash the request gave for it.</summary>
    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>The request names its document in two ways at once, or its <c>persistedQuery</c> is malformed.</summary>
    public const string BadRequest = "BAD_REQUEST";
}
