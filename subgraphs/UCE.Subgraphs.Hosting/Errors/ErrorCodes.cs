namespace UCE.Subgraphs.Hosting.Errors;

/// <summary>The stable <c>extensions.code</c> values every subgraph answers with.</summary>
public static class ErrorCodes
{
    /// <summary>The HTTP request is not a well-formed GraphQL request (JSON, content type, missing query, bad headers).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>The document does not parse.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document does not validate against the schema.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>A variable or argument value is invalid.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>The HTTP method is not allowed for this request (a mutation over GET).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>The client accepts no media type the endpoint produces.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>The request body's media type is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>An unexpected failure; details are logged, never returned.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>
    /// The subgraph's database could not be reached or refused the work for now (restarting, connection lost, busy): a
    /// transient failure, worth a retry after a moment (a mutation with its idempotency key, since a failure during the commit
    /// leaves its outcome unknown).
    /// </summary>
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";

    /// <summary>The request does not carry a valid gateway signature (missing, stale, forged); answered with 401.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The request body is larger than the subgraph accepts; answered with 413.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The document selects deeper than <c>Subgraph:MaxDepth</c> allows.</summary>
    public const string MaxDepthLimit = "MAX_DEPTH_LIMIT";

    /// <summary>The caller's identity does not allow the field or object (its value is null).</summary>
    public const string Forbidden = "FORBIDDEN";
}
