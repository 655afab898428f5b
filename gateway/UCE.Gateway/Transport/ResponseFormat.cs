namespace UCE.Gateway.Transport;

/// <summary>The media type a GraphQL response is written in; it decides the status code of request errors.</summary>
public enum ResponseFormat
{
    /// <summary><c>application/json</c>: every well-formed GraphQL request is answered 200.</summary>
    Json,

    /// <summary><c>application/graphql-response+json</c>: a request error (no <c>data</c>) is answered 400.</summary>
    GraphQLResponseJson,
}
