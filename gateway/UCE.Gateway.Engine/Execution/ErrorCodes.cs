namespace UCE.Gateway.Engine.Execution;

/// <summary>The stable <c>extensions.code</c> values the gateway writes.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationResolutionFailure = "OPERATION_RESOLUTION_FAILURE";
    public const string MutationNotAllowedOverGet = "MUTATION_NOT_ALLOWED_OVER_GET";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string QueryPlanningFailed = "QUERY_PLANNING_FAILED";
    public const string SubscriptionNotSupported = "SUBSCRIPTION_NOT_SUPPORTED";

    /// <summary>A subscription whose plan the gateway cannot run per event (its root field not fetched from exactly one subgraph).</summary>
    public const string SubscriptionFieldsUnsupported = "SUBSCRIPTION_FIELDS_UNSUPPORTED";

    /// <summary>A subscriber did not read its events fast enough; its subscription was ended.</summary>
    public const string SubscriptionSlowConsumer = "SUBSCRIPTION_SLOW_CONSUMER";

    /// <summary>A subgraph could not be reached or answered with a non-success HTTP status.</summary>
    public const string SubgraphRequestFailed = "SUBGRAPH_REQUEST_FAILED";

    /// <summary>A subgraph did not answer within its timeout.</summary>
    public const string SubgraphTimeout = "SUBGRAPH_TIMEOUT";

    /// <summary>A subgraph failed so often just before that the gateway is not sending it requests for a while (its circuit is open).</summary>
    public const string SubgraphUnavailable = "SUBGRAPH_UNAVAILABLE";

    /// <summary>A subgraph answered something that is not a GraphQL response (malformed JSON, no data and no errors).</summary>
    public const string SubgraphInvalidResponse = "SUBGRAPH_INVALID_RESPONSE";

    /// <summary>An error a subgraph reported without a code of its own.</summary>
    public const string DownstreamServiceError = "DOWNSTREAM_SERVICE_ERROR";

    /// <summary>A value from a subgraph that the API schema's type cannot represent.</summary>
    public const string InvalidSubgraphValue = "INVALID_SUBGRAPH_VALUE";

    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>The operation defers something but the client does not accept incremental delivery (<c>multipart/mixed</c>); Apollo Router's code.</summary>
    public const string DeferBadHeader = "DEFER_BAD_HEADER";

    /// <summary>The document has more lexical tokens than the caller's limit; it was not parsed.</summary>
    public const string MaxTokensLimit = "MAX_TOKENS_LIMIT";

    /// <summary>Fields nest deeper than the caller's limit.</summary>
    public const string MaxDepthLimit = "MAX_DEPTH_LIMIT";

    /// <summary>The root selection set has more fields than the caller's limit.</summary>
    public const string MaxRootFieldsLimit = "MAX_ROOT_FIELDS_LIMIT";

    /// <summary>More aliases than the caller's limit.</summary>
    public const string MaxAliasesLimit = "MAX_ALIASES_LIMIT";

    /// <summary>More directive uses than the caller's limit.</summary>
    public const string MaxDirectivesLimit = "MAX_DIRECTIVES_LIMIT";

    /// <summary>The estimated cost is above the caller's limit.</summary>
    public const string CostEstimatedTooExpensive = "COST_ESTIMATED_TOO_EXPENSIVE";

    /// <summary>A fragment spreads itself, directly or through other fragments.</summary>
    public const string FragmentCycle = "FRAGMENT_CYCLE";

    /// <summary>A selection the caller may not make was removed (Apollo Router's code).</summary>
    public const string UnauthorizedFieldOrType = "UNAUTHORIZED_FIELD_OR_TYPE";
}
