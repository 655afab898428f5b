using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.Database;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Http;

/// <summary>
/// <c>/graphql</c> per the GraphQL-over-HTTP spec: POST with a JSON body (one request or a batch), GET for queries,
/// <c>application/graphql-response+json</c> when the client accepts it (request errors are then 400) and
/// <c>application/json</c> otherwise (GraphQL errors are then 200).
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    IdentityVerifier identityVerifier,
    AgentAccessLogWriter accessLog,
    ILogger<GraphQLHttpEndpoint> logger)
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await HandleCoreAsync(http).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "GraphQL request failed outside execution");
            if (!http.Response.HasStarted)
            {
                await WriteProblemAsync(http, JsonMediaType, new GraphQLHttpProblem(StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "Internal server error.")).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleCoreAsync(HttpContext http)
    {
        var mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, JsonMediaType, new GraphQLHttpProblem(
                StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                $"Accept {GraphQLResponseMediaType} or {JsonMediaType}.")).ConfigureAwait(false);
            return;
        }

        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteProblemAsync(http, mediaType, new GraphQLHttpProblem(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "Use POST, or GET for queries.")).ConfigureAwait(false);
            return;
        }

        if (!isGet && !IsJsonContent(http.Request.ContentType))
        {
            await WriteProblemAsync(http, mediaType, new GraphQLHttpProblem(
                StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"POST a body of type {JsonMediaType}; got '{http.Request.ContentType ?? "none"}'.")).ConfigureAwait(false);
            return;
        }

        // The whole body is read before anything else: the gateway's signature covers it, and nothing is parsed unsigned.
        var (payload, bodyProblem) = isGet
            ? (System.Text.Encoding.UTF8.GetBytes(IdentityVerifier.SignedQueryString(http.Request)), null)
            : await identityVerifier.ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            await WriteProblemAsync(http, mediaType, bodyProblem).ConfigureAwait(false);
            return;
        }

        if (identityVerifier.Check(http.Request.Headers, payload) is { } unauthenticated)
        {
            await WriteProblemAsync(http, mediaType, unauthenticated).ConfigureAwait(false);
            return;
        }

        if (!CallerIdentityReader.TryRead(http.Request.Headers, out var caller, out var identityProblem))
        {
            await WriteProblemAsync(http, mediaType, new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, identityProblem!)).ConfigureAwait(false);
            return;
        }

        var reader = new GraphQLRequestReader(serializer);
        if (isGet)
        {
            await HandleGetAsync(http, mediaType, caller, reader.FromQueryString(http.Request.Query)).ConfigureAwait(false);
            return;
        }

        var (requests, batched, problem) = reader.ReadBody(payload);
        if (problem is not null)
        {
            await WriteProblemAsync(http, mediaType, problem).ConfigureAwait(false);
            return;
        }

        if (!batched)
        {
            if (requests[0] is GraphQLHttpProblem single)
            {
                await WriteProblemAsync(http, mediaType, single).ConfigureAwait(false);
                return;
            }

            var result = await ParseAndExecuteAsync(http, (GraphQLHttpRequest)requests[0], caller).ConfigureAwait(false);
            await WriteAsync(http, mediaType, StatusOf(result, mediaType), result).ConfigureAwait(false);
            return;
        }

        var results = new List<ExecutionResult>(requests.Count);
        foreach (var item in requests)
        {
            results.Add(item is GraphQLHttpProblem itemProblem
                ? ProblemResult(itemProblem)
                : await ParseAndExecuteAsync(http, (GraphQLHttpRequest)item, caller).ConfigureAwait(false));
        }

        await WriteAsync(http, mediaType, StatusCodes.Status200OK, results).ConfigureAwait(false);
    }

    private async Task HandleGetAsync(HttpContext http, string mediaType, CallerIdentity caller, object read)
    {
        if (read is GraphQLHttpProblem problem)
        {
            await WriteProblemAsync(http, mediaType, problem).ConfigureAwait(false);
            return;
        }

        var request = (GraphQLHttpRequest)read;
        var document = GraphQLDocumentParser.Parse(request.Query, out var failure);
        if (document is null)
        {
            await WriteAsync(http, mediaType, StatusOf(failure!, mediaType), failure!).ConfigureAwait(false);
            return;
        }

        if (SelectedOperation(document, request.OperationName) is { } operation
            && operation.Operation != OperationType.Query)
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, mediaType, new GraphQLHttpProblem(
                StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
                $"A {operation.Operation.ToString().ToLowerInvariant()} must be sent with POST; GET carries queries only.")).ConfigureAwait(false);
            return;
        }

        var result = await ExecuteAsync(http, request, document, caller).ConfigureAwait(false);
        await WriteAsync(http, mediaType, StatusOf(result, mediaType), result).ConfigureAwait(false);
    }

    private Task<ExecutionResult> ParseAndExecuteAsync(HttpContext http, GraphQLHttpRequest request, CallerIdentity caller) =>
        GraphQLDocumentParser.Parse(request.Query, out var failure) is { } document
            ? ExecuteAsync(http, request, document, caller)
            : Task.FromResult(failure!);

    private async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLHttpRequest request, GraphQLDocument document, CallerIdentity caller)
    {
        using var activity = SubgraphTelemetry.Source.StartActivity("graphql.execute");
        activity?.SetTag("graphql.operation.name", request.OperationName);
        var userContext = new SubgraphUserContext(caller);
        using var reads = RouteReads(document, request.OperationName);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = userContext,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        }).ConfigureAwait(false);
        if (result.Errors is { Count: > 0 } errors)
        {
            activity?.SetTag("graphql.errors", errors.Count);
        }

        await accessLog.WriteAsync(userContext.Access, result, request.OperationName).ConfigureAwait(false);
        return result;
    }

    /// <summary>A query operation reads from the read-only connection, when there is one (<see cref="DatabaseRoute"/>); null for others.</summary>
    internal static IDisposable? RouteReads(GraphQLDocument document, string? operationName) =>
        SelectedOperation(document, operationName)?.Operation == OperationType.Query ? DatabaseRoute.ReadOnly() : null;

    internal static GraphQLOperationDefinition? SelectedOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operationName is null)
        {
            return operations.Count == 1 ? operations[0] : null;
        }

        return operations.FirstOrDefault(operation => operation.Name is not null && operation.Name.StringValue == operationName);
    }

    /// <summary>
    /// Picks the response media type from the Accept header: <c>application/graphql-response+json</c> when the client
    /// lists it (or accepts anything), <c>application/json</c> when only that is accepted or no Accept header is sent;
    /// null when neither is acceptable.
    /// </summary>
    internal static string? NegotiateMediaType(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
        {
            return JsonMediaType;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var values) || values is null)
        {
            return JsonMediaType;
        }

        string? best = null;
        double bestQuality = 0;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1.0;
            if (quality <= 0)
            {
                continue;
            }

            var candidate = value.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponseMediaType => GraphQLResponseMediaType,
                JsonMediaType => JsonMediaType,
                "application/*" or "*/*" => GraphQLResponseMediaType,
                _ => null,
            };
            if (candidate is null)
            {
                continue;
            }

            if (best is null || quality > bestQuality || (quality.Equals(bestQuality) && candidate == GraphQLResponseMediaType && best != candidate))
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    internal static bool IsJsonContent(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !string.Equals(parsed.MediaType.Value, JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = parsed.Charset.Value;
        return string.IsNullOrEmpty(charset) || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase);
    }

    private static int StatusOf(ExecutionResult result, string mediaType) =>
        mediaType == GraphQLResponseMediaType && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;

    private static ExecutionResult ProblemResult(GraphQLHttpProblem problem) =>
        new() { Errors = [new ExecutionError(problem.Message) { Code = problem.Code }] };

    private Task WriteProblemAsync(HttpContext http, string mediaType, GraphQLHttpProblem problem) =>
        WriteProblemAsync(http, serializer, mediaType, problem);

    private Task WriteAsync(HttpContext http, string mediaType, int statusCode, object body) =>
        WriteAsync(http, serializer, mediaType, statusCode, body);

    /// <summary>Answers <paramref name="problem"/> as a GraphQL response with its status and code (the other transports refuse requests the same way).</summary>
    internal static Task WriteProblemAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, GraphQLHttpProblem problem) =>
        WriteAsync(http, serializer, mediaType, problem.StatusCode, ProblemResult(problem));

    private static async Task WriteAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, int statusCode, object body)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, body, http.RequestAborted).ConfigureAwait(false);
    }
}
