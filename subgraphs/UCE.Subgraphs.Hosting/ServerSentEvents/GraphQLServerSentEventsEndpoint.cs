using System.Text;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Http;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Hosting.Subscriptions;

namespace UCE.Subgraphs.Hosting.ServerSentEvents;

/// <summary>
/// <c>/graphql</c> with <c>Accept: text/event-stream</c>: graphql-sse's distinct connections mode. The request is read
/// and signed exactly as a POST (or GET) over HTTP and refused the same way (401 unsigned, 400 malformed …); once it is
/// accepted, every result is an <c>event: next</c> (request errors too, as the protocol asks) and the stream ends with
/// <c>event: complete</c>. A client that does not read fills its <see cref="SendQueue"/> and its response is aborted.
/// </summary>
internal sealed partial class GraphQLServerSentEventsEndpoint(
    SubscriptionSettings settings,
    StreamingOperationExecuter executer,
    IdentityVerifier identityVerifier,
    IGraphQLTextSerializer serializer,
    ILogger<GraphQLServerSentEventsEndpoint> logger)
{
    public const string EventStreamMediaType = "text/event-stream";

    private static readonly byte[] CompleteEvent = Encoding.UTF8.GetBytes("event: complete\ndata:\n\n");

    /// <summary>True when the Accept header lists <c>text/event-stream</c> (with a quality above zero).</summary>
    public static bool IsRequested(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0 || !MediaTypeHeaderValue.TryParseList([accept], out var values) || values is null)
        {
            return false;
        }

        return values.Any(value => (value.Quality ?? 1.0) > 0
            && string.Equals(value.MediaType.Value, EventStreamMediaType, StringComparison.OrdinalIgnoreCase));
    }

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await HandleCoreAsync(http).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; its subscription was disposed on the way out.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            if (!http.Response.HasStarted)
            {
                await RefuseAsync(http, new GraphQLHttpProblem(StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "Internal server error.")).ConfigureAwait(false);
            }
            else
            {
                http.Abort();
            }
        }
    }

    private async Task HandleCoreAsync(HttpContext http)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await RefuseAsync(http, new GraphQLHttpProblem(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "Use POST, or GET for queries and subscriptions.")).ConfigureAwait(false);
            return;
        }

        if (!isGet && !GraphQLHttpEndpoint.IsJsonContent(http.Request.ContentType))
        {
            await RefuseAsync(http, new GraphQLHttpProblem(
                StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"POST a body of type {GraphQLHttpEndpoint.JsonMediaType}; got '{http.Request.ContentType ?? "none"}'.")).ConfigureAwait(false);
            return;
        }

        var (payload, bodyProblem) = isGet
            ? (Encoding.UTF8.GetBytes(IdentityVerifier.SignedQueryString(http.Request)), null)
            : await identityVerifier.ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            await RefuseAsync(http, bodyProblem).ConfigureAwait(false);
            return;
        }

        if (identityVerifier.Check(http.Request.Headers, payload) is { } unauthenticated)
        {
            await RefuseAsync(http, unauthenticated).ConfigureAwait(false);
            return;
        }

        if (!CallerIdentityReader.TryRead(http.Request.Headers, out var caller, out var identityProblem))
        {
            await RefuseAsync(http, new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, identityProblem!)).ConfigureAwait(false);
            return;
        }

        var reader = new GraphQLRequestReader(serializer);
        object read;
        if (isGet)
        {
            read = reader.FromQueryString(http.Request.Query);
        }
        else
        {
            var (requests, batched, problem) = reader.ReadBody(payload);
            read = problem as object
                ?? (batched ? new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "An event stream carries one request, not a batch.") : requests[0]);
        }

        if (read is GraphQLHttpProblem readProblem)
        {
            await RefuseAsync(http, readProblem).ConfigureAwait(false);
            return;
        }

        var request = (GraphQLHttpRequest)read;
        var document = GraphQLDocumentParser.Parse(request.Query, out var failure);
        if (isGet && document is not null
            && GraphQLHttpEndpoint.SelectedOperation(document, request.OperationName) is { Operation: OperationType.Mutation })
        {
            http.Response.Headers.Allow = "POST";
            await RefuseAsync(http, new GraphQLHttpProblem(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "A mutation must be sent with POST.")).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = EventStreamMediaType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        // Starting a response does not send its headers; the client waits for them before it reads events.
        await http.Response.StartAsync(http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);

        var result = document is null
            ? failure!
            : await executer.ExecuteAsync(request, caller, http.User, http.RequestAborted, document).ConfigureAwait(false);
        if (result.Streams is { Count: > 0 } streams)
        {
            await StreamAsync(http, streams.Values.First()).ConfigureAwait(false);
            return;
        }

        await http.Response.Body.WriteAsync(NextEvent(result), http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.WriteAsync(CompleteEvent, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext http, IObservable<ExecutionResult> stream)
    {
        var queue = new SendQueue(settings.SendQueueLimit);
        using var overflow = new CancellationTokenSource();
        var observer = new EventObserver(this, queue, overflow);
        using var subscription = stream.Subscribe(observer);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, overflow.Token);
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                await http.Response.Body.WriteAsync(message, stopping.Token).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (overflow.IsCancellationRequested)
        {
            // No complete event: the aborted response tells the client the stream did not end normally.
            LogSlowConsumer(logger, queue.Limit);
            http.Abort();
        }
    }

    private byte[] NextEvent(ExecutionResult result) =>
        Encoding.UTF8.GetBytes("event: next\ndata: " + serializer.Serialize(result) + "\n\n");

    private Task RefuseAsync(HttpContext http, GraphQLHttpProblem problem) =>
        GraphQLHttpEndpoint.WriteProblemAsync(http, serializer, GraphQLHttpEndpoint.JsonMediaType, problem);

    /// <summary>Queues a stream's results as events; a full queue cancels the response.</summary>
    private sealed class EventObserver(GraphQLServerSentEventsEndpoint endpoint, SendQueue queue, CancellationTokenSource overflow) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => Enqueue(endpoint.NextEvent(value));

        public void OnError(Exception error)
        {
            var executionError = error as ExecutionError ?? new ExecutionError("Internal server error.") { Code = ErrorCodes.InternalServerError };
            Enqueue(endpoint.NextEvent(new ExecutionResult { Errors = [executionError] }));
            OnCompleted();
        }

        public void OnCompleted()
        {
            Enqueue(CompleteEvent);
            queue.Complete();
        }

        private void Enqueue(byte[] message)
        {
            if (queue.Enqueue(message) == SendQueueOutcome.Full)
            {
                queue.Complete();
                try
                {
                    overflow.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The response already ended.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An event stream request failed outside execution")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aborted an event stream whose client did not read: {Limit} events were waiting")]
    private static partial void LogSlowConsumer(ILogger logger, int limit);
}
