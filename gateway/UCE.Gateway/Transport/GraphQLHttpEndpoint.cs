using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Authentication;
using UCE.Gateway.Configuration;
using UCE.Gateway.Diagnostics;
using UCE.Gateway.Engine;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Ide;
using UCE.Gateway.Persisted;
using UCE.Gateway.Supergraph;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Transport;

/// <summary>
/// <c>/graphql</c> per GraphQL over HTTP: POST (one request or a batch) and GET (queries only),
/// <c>Accept</c> negotiation between <c>application/graphql-response+json</c> and <c>application/json</c>,
/// and their status codes. A request may name a trusted document by id instead of carrying it; the client's policy and
/// the lookup (<see cref="PersistedDocumentResolver"/>) come before the engine.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    /// <summary>The request header asking for the query plan in <c>extensions.queryPlan</c>.</summary>
    public const string QueryPlanHeader = "UCE-Query-Plan";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly ActiveSupergraph _active;
    private readonly ForwardedHeaderSelector _forwardedHeaders;
    private readonly BearerTokenAuthenticator _authenticator;
    private readonly GraphQLIdeEndpoint _ide;
    private readonly GatewayHostOptions _options;
    private readonly PersistedClientIdentifier _clients;
    private readonly PersistedDocumentResolver _persisted;
    private readonly string _publicCacheControl;
    private readonly ILogger<GraphQLHttpEndpoint> _logger;

    public GraphQLHttpEndpoint(
        ActiveSupergraph active,
        ForwardedHeaderSelector forwardedHeaders,
        BearerTokenAuthenticator authenticator,
        GraphQLIdeEndpoint ide,
        PersistedClientIdentifier clients,
        PersistedDocumentResolver persisted,
        IOptions<GatewayHostOptions> options,
        IOptions<PersistedDocumentOptions> persistedOptions,
        GatewayMetrics metrics,
        ILogger<GraphQLHttpEndpoint> logger)
    {
        Metrics = metrics;
        _active = active;
        _forwardedHeaders = forwardedHeaders;
        _authenticator = authenticator;
        _ide = ide;
        _clients = clients;
        _persisted = persisted;
        _options = options.Value;
        _publicCacheControl = PublicCacheControl(persistedOptions.Value.PublicMaxAge);
        _logger = logger;
    }

    /// <summary>The gateway's metrics, which the WebSocket endpoint records its subscriptions in too.</summary>
    internal GatewayMetrics Metrics { get; }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleCoreAsync(context);
        }
        catch (Exception exception) when (IsClientFault(exception, context.RequestAborted))
        {
            // The client went away, or sent its body too slowly (Kestrel's minimum data rate) or cut short: no defect
            // of the gateway's, and under a burst of such clients an error with a stack trace each would flood the log.
            LogClientBrokeOff(_logger, context.TraceIdentifier, exception.GetType().Name, exception.Message);
            if (exception is BadHttpRequestException badRequest)
            {
                await TryWriteBodyErrorAsync(context, badRequest);
            }
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, ResponseFormat.Json, new TransportError(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", $"{request.Method} is not supported; use GET or POST."));
            return;
        }

        var accept = request.Headers.Accept;
        if (isGet && _ide.IsEnabled && GraphQLMediaTypes.AcceptsHtml(accept))
        {
            await _ide.WritePageAsync(context);
            return;
        }

        var eventStream = GraphQLMediaTypes.AcceptsEventStream(accept);
        var multipart = !eventStream && GraphQLMediaTypes.AcceptsMultipartDefer(accept);
        if ((eventStream ? ResponseFormat.Json : GraphQLMediaTypes.Negotiate(accept) ?? (multipart ? ResponseFormat.Json : null)) is not { } format)
        {
            await WriteErrorAsync(context, ResponseFormat.Json, new TransportError(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", $"Accept {GraphQLMediaTypes.GraphQLResponseJson} or {GraphQLMediaTypes.Json}."));
            return;
        }

        // Before the body is read: a caller whose token is refused costs no more than its headers.
        var authentication = await _authenticator.AuthenticateAsync(request.Headers, context.RequestAborted);
        if (authentication.Failure is { } failure)
        {
            context.Response.Headers.WWWAuthenticate = failure.Challenge;
            await WriteErrorAsync(context, format, new TransportError(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", failure.Description));
            return;
        }

        if (_clients.Identify(authentication.Identity, request.Headers[_clients.ApiKeyHeader]) is not { } client)
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{_clients.ApiKeyHeader}\"";
            await WriteErrorAsync(context, format, new TransportError(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "The API key is not known."));
            return;
        }

        if (isGet && _options.CsrfPrevention && !CsrfPrevention.IsPreflighted(request.Headers))
        {
            await WriteErrorAsync(context, format, new TransportError(
                StatusCodes.Status400BadRequest,
                "CSRF_PREVENTION",
                $"A GET request must carry one of the headers {string.Join(", ", CsrfPrevention.PreflightHeaders)} (any value), so that another site cannot send it from a browser."));
            return;
        }

        if (!isGet && !GraphQLMediaTypes.IsJsonRequest(request.ContentType))
        {
            await WriteErrorAsync(context, format, new TransportError(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", $"The request body must be {GraphQLMediaTypes.Json} (UTF-8), not '{request.ContentType}'."));
            return;
        }

        var (batch, error) = isGet
            ? GraphQLHttpRequestReader.ReadGet(request.Query)
            : await GraphQLHttpRequestReader.ReadPostAsync(request, _options.MaxRequestBodyBytes, _options.MaxBatchSize, context.RequestAborted);
        if (batch is null)
        {
            await WriteErrorAsync(context, format, error!);
            return;
        }

        if (await RateLimitAsync(context, authentication.Identity, batch.Operations.Count) is { } limited)
        {
            batch.Dispose();
            await WriteErrorAsync(context, format, limited);
            return;
        }

        using (batch)
        using (var lease = _active.Acquire())
        {
            if (lease is null)
            {
                await WriteErrorAsync(context, format, new TransportError(StatusCodes.Status503ServiceUnavailable, "SUPERGRAPH_NOT_LOADED", "The gateway has no supergraph loaded yet."));
                return;
            }

            var caller = authentication.Identity;
            if (eventStream)
            {
                // A stream forwards the identity alone, so that the same subscription from the same caller is shared upstream.
                await StreamAsync(context, lease.Engine, batch, CallerContextOf(request.Headers, caller, forwardAllowed: false), client, allowMutations: !isGet);
                return;
            }

            var callerContext = CallerContextOf(request.Headers, caller, forwardAllowed: true);
            if (!batch.IsBatch && multipart)
            {
                await ExecuteIncrementalAsync(context, lease.Engine, batch.Operations[0], callerContext, client, format, isGet);
                return;
            }

            if (!batch.IsBatch)
            {
                var response = await ExecuteAsync(lease.Engine, batch.Operations[0], callerContext, client, allowMutations: !isGet, context.RequestAborted);
                var status = StatusOf(response, format, isGet, context.Response);
                await (isGet ? WriteCacheableAsync(context, format, status, response) : WriteAsync(context, format, status, writer => response.WriteTo(writer)));
                return;
            }

            // In order, so that an operation sees what an earlier one in the same batch changed.
            var responses = new GatewayResponse[batch.Operations.Count];
            for (var i = 0; i < responses.Length; i++)
            {
                responses[i] = await ExecuteAsync(lease.Engine, batch.Operations[i], callerContext, client, allowMutations: true, context.RequestAborted);
            }

            await WriteAsync(context, format, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartArray();
                foreach (var response in responses)
                {
                    response.WriteTo(writer);
                }

                writer.WriteEndArray();
            });
        }
    }

    private async ValueTask<GatewayResponse> ExecuteAsync(
        IGatewayEngine engine,
        GraphQLHttpRequest operation,
        CallerContext caller,
        PersistedClient client,
        bool allowMutations,
        CancellationToken cancellationToken)
    {
        // A document named by id is found (or refused) before the engine sees the request.
        var resolution = await _persisted.ResolveAsync(operation, client, cancellationToken);
        if (resolution.Refusal is { } refusal)
        {
            return refusal;
        }

        var started = Stopwatch.GetTimestamp();
        // A client that does not accept multipart/mixed is told how to ask for @defer, as Apollo Router does.
        var response = await ExecuteResolvedAsync(engine, ToGatewayRequest(resolution.Operation!, caller, allowMutations, resolution.DocumentKey) with { RefuseDefer = true }, cancellationToken);
        await _persisted.CompleteAsync(resolution, client, response);
        Metrics.RecordOperation(response.OperationName ?? resolution.Trusted?.Name ?? operation.OperationName, client.Name, response, Stopwatch.GetElapsedTime(started));
        return response;
    }

    private async ValueTask<GatewayResponse> ExecuteResolvedAsync(IGatewayEngine engine, GatewayRequest gatewayRequest, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.ExecuteAsync(gatewayRequest, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The engine answers subgraph faults with errors itself; reaching here is a defect, reported
            // as a GraphQL error so that one bad operation does not fail a whole batch.
            LogEngineFailure(_logger, gatewayRequest.OperationName, exception);
            return new GatewayResponse
            {
                Errors = [new System.Text.Json.Nodes.JsonObject
                {
                    ["message"] = "The gateway failed to execute the operation.",
                    ["extensions"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "INTERNAL_SERVER_ERROR" },
                }],
            };
        }
    }

    internal static GatewayRequest ToGatewayRequest(GraphQLHttpRequest operation, CallerContext caller, bool allowMutations, string? documentKey = null) => new(
        operation.Query,
        operation.OperationName,
        operation.Variables,
        operation.Extensions,
        caller.ForwardedHeaders,
        caller.IncludePlan,
        allowMutations,
        caller.Caller,
        caller.AllowIntrospection,
        documentKey);

    /// <summary>What the operations of a request share: headers for the subgraphs (the allowed ones only when <paramref name="forwardAllowed"/>), the caller, the developer features it may use.</summary>
    internal CallerContext CallerContextOf(IHeaderDictionary headers, CallerIdentity caller, bool forwardAllowed) => new(
        _forwardedHeaders.Select(forwardAllowed ? headers : EmptyHeaders, caller),
        ToGatewayCaller(caller),
        IncludePlan: (_options.QueryPlansForEveryone || DeveloperAccess.IsDeveloper(caller)) && IsTrue(headers[QueryPlanHeader]),
        AllowIntrospection: _options.IntrospectionForEveryone || DeveloperAccess.IsDeveloper(caller));

    private static readonly HeaderDictionary EmptyHeaders = new();

    private static GatewayCaller ToGatewayCaller(CallerIdentity identity) =>
        identity.Role == CallerRole.Anonymous
            ? GatewayCaller.Anonymous
            : new GatewayCaller(CallerIdentity.NameOf(identity.Role), IsAuthenticated: true, identity.Scopes);

    /// <summary>
    /// 405 for a mutation sent with GET (the engine refuses it, having parsed the document anyway), 400 for
    /// any other request error in <c>application/graphql-response+json</c>, else 200.
    /// </summary>
    private static int StatusOf(GatewayResponse response, ResponseFormat format, bool isGet, HttpResponse httpResponse)
    {
        if (!response.IsRequestError)
        {
            return StatusCodes.Status200OK;
        }

        if (isGet && response.Errors.Count == 1 && response.Errors[0]["extensions"]?["code"]?.GetValue<string>() == ErrorCodes.MutationNotAllowedOverGet)
        {
            httpResponse.Headers.Allow = "POST";
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (response.Errors.Count == 1 && response.Errors[0]["extensions"]?["code"]?.GetValue<string>() == ErrorCodes.DeferBadHeader)
        {
            return StatusCodes.Status406NotAcceptable;
        }

        return format == ResponseFormat.GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    /// <summary>
    /// A request the client broke off: its body could not be read (too slow, too large, incomplete: Kestrel's
    /// <see cref="BadHttpRequestException"/>, or the connection failing under it), or it aborted the request.
    /// </summary>
    private static bool IsClientFault(Exception exception, CancellationToken requestAborted) => exception switch
    {
        BadHttpRequestException => true,
        IOException => true,
        OperationCanceledException => requestAborted.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Answers a body the server refused (408 too slow, 413 too large, 400 incomplete) if the client can still hear it.</summary>
    private async Task TryWriteBodyErrorAsync(HttpContext context, BadHttpRequestException exception)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var code = exception.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => "REQUEST_TIMEOUT",
            StatusCodes.Status413PayloadTooLarge => "REQUEST_TOO_LARGE",
            _ => "BAD_REQUEST",
        };
        try
        {
            var format = GraphQLMediaTypes.Negotiate(context.Request.Headers.Accept) ?? ResponseFormat.Json;
            await WriteErrorAsync(context, format, new TransportError(exception.StatusCode, code, exception.Message));
        }
        catch (Exception writeFailure) when (writeFailure is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The connection is gone after all; there is no one left to answer.
        }
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 1 && (value[0] == "1" || string.Equals(value[0], "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Answers with <paramref name="error"/> (counted in the error metrics by its code).</summary>
    internal Task WriteErrorAsync(HttpContext context, ResponseFormat format, TransportError error)
    {
        Metrics.RecordError(error.Code);
        return WriteAsync(context, format, error.StatusCode, error.WriteTo);
    }

    private static async Task WriteAsync(HttpContext context, ResponseFormat format, int statusCode, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = GraphQLMediaTypes.ContentTypeOf(format);
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>What every operation of one HTTP request shares: the caller, the headers for subgraphs, the developer features it may use.</summary>
    internal sealed record CallerContext(IReadOnlyDictionary<string, string>? ForwardedHeaders, GatewayCaller Caller, bool IncludePlan, bool AllowIntrospection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {TraceIdentifier} was broken off by the client ({ExceptionType}): {Reason}")]
    private static partial void LogClientBrokeOff(ILogger logger, string traceIdentifier, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine threw while executing operation {OperationName}")]
    private static partial void LogEngineFailure(ILogger logger, string? operationName, Exception exception);
}
