using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Engine;
using UCE.Gateway.Persisted;

namespace UCE.Gateway.Transport;

/// <summary>
/// graphql-sse in distinct connections mode: a POST (or GET) with <c>Accept: text/event-stream</c> is answered with
/// <c>200 text/event-stream</c>, every result an <c>event: next</c> (request errors too) and <c>event: complete</c> at
/// the end. A subscription streams until its source completes or the client disconnects, which ends its upstream
/// subscription when it was the last subscriber. A keep-alive comment goes out when nothing else did for a while, so
/// that proxies keep the connection open and a vanished client is noticed.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    private static readonly byte[] NextEventStart = Encoding.UTF8.GetBytes("event: next\ndata: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");
    private static readonly byte[] CompleteEvent = Encoding.UTF8.GetBytes("event: complete\ndata:\n\n");
    private static readonly byte[] KeepAliveComment = Encoding.UTF8.GetBytes(":\n\n");

    private async Task StreamAsync(HttpContext context, IGatewayEngine engine, GraphQLHttpRequestBatch batch, CallerContext caller, PersistedClient client, bool allowMutations)
    {
        if (batch.IsBatch)
        {
            await WriteErrorAsync(context, ResponseFormat.Json, new TransportError(StatusCodes.Status400BadRequest, "BAD_REQUEST", "A batch cannot be answered as an event stream; send one operation per request."));
            return;
        }

        var resolution = await _persisted.ResolveAsync(batch.Operations[0], client, context.RequestAborted);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GraphQLMediaTypes.EventStream + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;

        // Proxies must not hold events back waiting for more.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted);

        // The headers go out now, with a first comment, not with the first event (which may be hours away).
        response.BodyWriter.Write(KeepAliveComment);
        await response.BodyWriter.FlushAsync(context.RequestAborted);

        // Cancelled when the client goes, the server shuts down (the stream then ends and the client reconnects, to another
        // instance) or the stream stops for any other reason: the subscription then ends before it is disposed.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var open = Metrics.SubscriptionOpened("sse");
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = streaming.Token;
        var results = resolution.Refusal is { } refusal
            ? Once(refusal)
            : engine.SubscribeAsync(ToGatewayRequest(resolution.Operation!, caller, allowMutations, resolution.DocumentKey), cancellationToken);
        await using var events = results.GetAsyncEnumerator(cancellationToken);
        var first = true;
        var next = events.MoveNextAsync();
        try
        {
            while (true)
            {
                // Waits for the next event, writing a keep-alive comment whenever none came for a while.
                var keepAlive = _options.Subscriptions.KeepAliveInterval;
                while (!next.IsCompleted && keepAlive > TimeSpan.Zero)
                {
                    var waiting = next.AsTask();
                    next = new ValueTask<bool>(waiting);
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var tick = Task.Delay(keepAlive, quiet.Token);
                    if (await Task.WhenAny(waiting, tick) == tick)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        response.BodyWriter.Write(KeepAliveComment);
                        await response.BodyWriter.FlushAsync(cancellationToken);
                    }
                    else
                    {
                        await quiet.CancelAsync();
                    }
                }

                if (!await next)
                {
                    break;
                }

                if (first && resolution.Refusal is null)
                {
                    first = false;
                    await _persisted.CompleteAsync(resolution, client, events.Current);
                }

                response.BodyWriter.Write(NextEventStart);
                response.BodyWriter.Write(events.Current.ToUtf8Json().Span);
                response.BodyWriter.Write(EventEnd);
                await response.BodyWriter.FlushAsync(cancellationToken);
                next = events.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // Shutting down: the stream ends without a complete event, which tells the client to connect again.
            return;
        }
        finally
        {
            if (!next.IsCompleted)
            {
                // An async iterator cannot be disposed while it waits: end the wait first.
                await streaming.CancelAsync();
                await ((Task)next.AsTask()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        response.BodyWriter.Write(CompleteEvent);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<GatewayResponse> Once(GatewayResponse response)
    {
        await Task.CompletedTask;
        yield return response;
    }
}
