using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Net.Http.Headers;
using UCE.Gateway.Engine;
using UCE.Gateway.Persisted;

namespace UCE.Gateway.Transport;

/// <summary>
/// Incremental delivery over <c>multipart/mixed; deferSpec=20220824</c>, as Apollo Router writes it: each part behind a
/// <c>--graphql</c> boundary with its own <c>Content-Type</c>, flushed as soon as it exists, <c>--graphql--</c> at the
/// end. An operation with nothing deferred is answered as a plain JSON response.
/// </summary>
public sealed partial class GraphQLHttpEndpoint
{
    private static readonly byte[] PartStart = Encoding.UTF8.GetBytes("\r\n--graphql\r\nContent-Type: application/json; charset=utf-8\r\n\r\n");
    private static readonly byte[] MultipartEnd = Encoding.UTF8.GetBytes("\r\n--graphql--\r\n");

    private async Task ExecuteIncrementalAsync(HttpContext context, IGatewayEngine engine, GraphQLHttpRequest operation, CallerContext caller, PersistedClient client, ResponseFormat format, bool isGet)
    {
        var cancellationToken = context.RequestAborted;
        var resolution = await _persisted.ResolveAsync(operation, client, cancellationToken);
        if (resolution.Refusal is { } refusal)
        {
            await WriteAsync(context, format, StatusOf(refusal, format, isGet, context.Response), refusal.WriteTo);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var request = ToGatewayRequest(resolution.Operation!, caller, allowMutations: !isGet, resolution.DocumentKey);
        await using var parts = engine.ExecuteIncrementalAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (!await parts.MoveNextAsync())
        {
            return;
        }

        var first = parts.Current;
        var name = first.OperationName ?? resolution.Trusted?.Name ?? operation.OperationName;
        await _persisted.CompleteAsync(resolution, client, first);
        if (first.HasNext != true)
        {
            Metrics.RecordOperation(name, client.Name, first, Stopwatch.GetElapsedTime(started));
            await WriteAsync(context, format, StatusOf(first, format, isGet, context.Response), first.WriteTo);
            return;
        }

        // Counted once, when the last part is out (or the client left): the duration is the whole response's, the errors
        // those of every part.
        var errors = new List<System.Text.Json.Nodes.JsonObject>(first.Errors);
        try
        {
            await WritePartsAsync(context, parts, first, errors, cancellationToken);
        }
        finally
        {
            Metrics.RecordOperation(name, client.Name, errors, Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task WritePartsAsync(
        HttpContext context,
        IAsyncEnumerator<GatewayResponse> parts,
        GatewayResponse first,
        List<System.Text.Json.Nodes.JsonObject> errors,
        CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GraphQLMediaTypes.MultipartDefer;
        response.Headers.CacheControl = "no-cache";
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);

        var part = first;
        while (true)
        {
            response.BodyWriter.Write(PartStart);
            response.BodyWriter.Write(part.ToUtf8Json().Span);
            await response.BodyWriter.FlushAsync(cancellationToken);
            if (!await parts.MoveNextAsync())
            {
                break;
            }

            part = parts.Current;
            errors.AddRange(part.Errors);
            foreach (var item in part.Incremental ?? [])
            {
                errors.AddRange(item.Errors);
            }
        }

        response.BodyWriter.Write(MultipartEnd);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
