using System.Collections.Frozen;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine;

/// <summary>
/// Pinned documents: the documents the host knows before their requests (trusted documents), prepared and planned when
/// they are pinned and held outside the bounded document and plan caches.
/// </summary>
public sealed partial class FederatedGateway
{
    /// <summary>
    /// Plans a pinned document keeps per operation for callers whose rights remove different selections; plans past it go
    /// to the bounded plan cache, so that a document's footprint stays bounded whatever its callers' rights.
    /// </summary>
    private const int MostPlansPerPinnedDocument = 16;

    private readonly SemaphoreSlim _pinning = new(1, 1);
    private FrozenDictionary<string, PinnedDocument> _pinned = FrozenDictionary<string, PinnedDocument>.Empty;
    private long _pinnedDocumentHits;
    private long _pinnedPlanHits;
    private long _pinnedPlanMisses;

    /// <summary>The number of documents pinned now.</summary>
    public int PinnedDocuments => Volatile.Read(ref _pinned).Count;

    public async ValueTask<PinnedDocumentsReport> PinDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _pinning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var held = Volatile.Read(ref _pinned);
            var next = new Dictionary<string, PinnedDocument>(documents.Count, StringComparer.Ordinal);
            var failed = new Dictionary<string, string>(StringComparer.Ordinal);
            var (prepared, plans) = (0, 0);
            foreach (var (key, text) in documents)
            {
                if (held.TryGetValue(key, out var document) && document.Text == text)
                {
                    // The host's own string from now on, so that its requests find the document by reference.
                    document = ReferenceEquals(document.Text, text) ? document : document with { Text = text };
                }
                else
                {
                    var (parsed, _) = await ParseAndValidateAsync(text, pinned: true, cancellationToken).ConfigureAwait(false);
                    document = new PinnedDocument(text, parsed);
                    prepared++;
                    plans += PlanEveryOperation(parsed);
                }

                next[key] = document;
                if (document.Prepared.Errors is [var first, ..])
                {
                    failed[key] = first["message"]?.GetValue<string>() ?? "invalid";
                }
            }

            Volatile.Write(ref _pinned, next.ToFrozenDictionary(StringComparer.Ordinal));
            return new PinnedDocumentsReport(next.Count, prepared, plans, failed);
        }
        finally
        {
            _pinning.Release();
        }
    }

    /// <summary>
    /// The pinned document under <paramref name="key"/> when its text is <paramref name="query"/> (the same string, for
    /// the host's own trusted documents, so the check costs nothing); <c>null</c> otherwise.
    /// </summary>
    private PreparedDocument? FindPinned(string key, string query)
    {
        if (Volatile.Read(ref _pinned).TryGetValue(key, out var document) && (ReferenceEquals(document.Text, query) || document.Text == query))
        {
            Interlocked.Increment(ref _pinnedDocumentHits);
            return document.Prepared;
        }

        return null;
    }

    /// <summary>The plan made before for this operation and these removed selections: the pinned document's, or the plan cache's.</summary>
    private bool TryCachedPlan(PreparedDocument prepared, GraphQLOperationDefinition operation, string removed, (string, bool, string?, string) planKey, out QueryPlan plan)
    {
        if (prepared.PinnedPlans is { } pinned)
        {
            if (pinned.TryGetValue((operation, removed), out plan!))
            {
                Interlocked.Increment(ref _pinnedPlanHits);
                return true;
            }

            if (pinned.Count < MostPlansPerPinnedDocument)
            {
                Interlocked.Increment(ref _pinnedPlanMisses);
                return false;
            }
        }

        return _plans.TryGet(planKey, out plan);
    }

    /// <summary>Keeps a plan just made: with its pinned document while it has room, else in the plan cache.</summary>
    private void KeepPlan(PreparedDocument prepared, GraphQLOperationDefinition operation, string removed, (string, bool, string?, string) planKey, QueryPlan plan)
    {
        if (prepared.PinnedPlans is { } pinned && (pinned.Count < MostPlansPerPinnedDocument || pinned.ContainsKey((operation, removed))))
        {
            pinned.TryAdd((operation, removed), plan);
            return;
        }

        _plans.Set(planKey, plan);
    }

    /// <summary>
    /// Plans each operation of a valid pinned document for a caller from whom nothing is removed; returns how many plans it
    /// made. One that cannot be planned is left to its first request, which answers with the planner's error.
    /// </summary>
    private int PlanEveryOperation(PreparedDocument prepared)
    {
        if (prepared.Errors is not null)
        {
            return 0;
        }

        var made = 0;
        foreach (var operation in prepared.Operations)
        {
            try
            {
                prepared.PinnedPlans![(operation, AuthorizationOutcome.Allowed.RemovalKey)] = _plan(prepared.Document, operation.Name?.StringValue);
                made++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left unplanned.
            }
        }

        return made;
    }

    private sealed record PinnedDocument(string Text, PreparedDocument Prepared);
}
