using System.Text.Json;

namespace UCE.Gateway.Engine;

/// <summary>One GraphQL request as the gateway host received it, after persisted-document lookup.</summary>
/// <param name="Query">The operation document.</param>
/// <param name="OperationName">Which operation of the document to run.</param>
/// <param name="Variables">The variables object, or <c>null</c>.</param>
/// <param name="Extensions">The request extensions, or <c>null</c>.</param>
/// <param name="ForwardedHeaders">Headers the host allows through to subgraphs (identity, tracing).</param>
/// <param name="IncludeQueryPlan">Return the printed plan in <c>extensions.queryPlan</c>.</param>
/// <param name="AllowMutations">False for <c>GET</c>: a mutation is then refused.</param>
/// <param name="Caller">The authenticated caller (its role picks the operation limits); <c>null</c> for the defaults.</param>
/// <param name="AllowIntrospection">Whether this request may use <c>__schema</c> and <c>__type</c>; <c>null</c> for <see cref="GatewayOptions.EnableIntrospection"/>.</param>
/// <param name="RefuseDefer">
/// Answer an operation that <c>@defer</c>s something with a request error (<c>DEFER_BAD_HEADER</c>) instead of running it
/// whole: set by the HTTP transport when the client does not accept <c>multipart/mixed</c>, as Apollo Router does.
/// </param>
/// <param name="DocumentKey">
/// A key that stands for <paramref name="Query"/>'s exact text, such as the SHA-256 a persisted document was stored
/// under: the engine then keeps the parsed, validated document and its plans under this key and never looks at the text
/// again while they are cached. The host must give one text one key, for the engine's lifetime; <c>null</c> keys by text.
/// </param>
public sealed record GatewayRequest(
    string? Query,
    string? OperationName = null,
    JsonElement? Variables = null,
    JsonElement? Extensions = null,
    IReadOnlyDictionary<string, string>? ForwardedHeaders = null,
    bool IncludeQueryPlan = false,
    bool AllowMutations = true,
    GatewayCaller? Caller = null,
    bool? AllowIntrospection = null,
    string? DocumentKey = null,
    bool RefuseDefer = false);
