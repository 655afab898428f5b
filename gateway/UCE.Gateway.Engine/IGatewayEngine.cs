namespace UCE.Gateway.Engine;

/// <summary>Answers GraphQL requests over the subgraphs of one supergraph.</summary>
public interface IGatewayEngine
{
    /// <summary>Parses, validates, plans (cached) and executes one request.</summary>
    ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one request with incremental delivery (<c>@defer</c>): the primary response first (with <c>hasNext</c> when
    /// deferred parts follow), then one response per deferred part as soon as it is ready, each with
    /// <see cref="GatewayResponse.Incremental"/>. A request with nothing deferred yields one response.
    /// </summary>
    IAsyncEnumerable<GatewayResponse> ExecuteIncrementalAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        Once(ExecuteAsync(request, cancellationToken));

    /// <summary>
    /// Runs one request as a stream: a subscription yields a response per event until its source completes or
    /// <paramref name="cancellationToken"/> is cancelled; anything else (and any refusal) yields one response.
    /// </summary>
    IAsyncEnumerable<GatewayResponse> SubscribeAsync(GatewayRequest request, CancellationToken cancellationToken) =>
        Once(ExecuteAsync(request, cancellationToken));

    /// <summary>
    /// Runs one request as <see cref="SubscribeAsync(GatewayRequest, CancellationToken)"/> does, but hands each response to
    /// <paramref name="receive"/> the moment it exists instead of waiting to be asked for it: a subscription event goes to
    /// every receiver from the thread that produced it, so <paramref name="receive"/> must not block (a transport queues
    /// the message and returns). The task ends when the stream has ended, or when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    async Task RunAsync(GatewayRequest request, Action<GatewayResponse> receive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receive);
        await foreach (var response in SubscribeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            receive(response);
        }
    }

    /// <summary>
    /// Makes <paramref name="documents"/> (texts by the <see cref="GatewayRequest.DocumentKey"/> the host will send them
    /// under) the documents this engine knows ahead of their requests, replacing any given before: each is parsed,
    /// validated and planned now, and kept outside the bounded caches for as long as it stays in the set, so that its
    /// first request does no preparation and no amount of other traffic evicts it. The host must give one key one text,
    /// as for <see cref="GatewayRequest.DocumentKey"/>. An engine without the notion may ignore the call.
    /// </summary>
    /// <returns>What became of each document: the keys of those that cannot run on this engine's schema, with why.</returns>
    ValueTask<PinnedDocumentsReport> PinDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PinnedDocumentsReport.None);

    /// <summary>
    /// Starts one request as a stream whose responses go to <paramref name="receiver"/> (see
    /// <see cref="ISubscriptionReceiver"/>), and returns once it runs: nothing of the start waits while the subscription
    /// is idle. The receiver's <see cref="ISubscriptionReceiver.End"/> tells when the stream has ended; cancelling
    /// <paramref name="cancellationToken"/> ends it. When this throws, the receiver is not told.
    /// </summary>
    Task StartAsync(GatewayRequest request, ISubscriptionReceiver receiver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _ = RunToEndAsync(this, request, receiver, cancellationToken);
        return Task.CompletedTask;
    }

    private static async Task RunToEndAsync(IGatewayEngine engine, GatewayRequest request, ISubscriptionReceiver receiver, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await engine.RunAsync(request, receiver.Receive, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ended by the caller.
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        receiver.End(failure);
    }

    private static async IAsyncEnumerable<GatewayResponse> Once(ValueTask<GatewayResponse> response)
    {
        yield return await response.ConfigureAwait(false);
    }
}
