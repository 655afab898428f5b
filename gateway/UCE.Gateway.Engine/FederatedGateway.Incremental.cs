using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GraphQL.Types;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine;

/// <summary>
/// Incremental delivery (<c>@defer</c>, deferSpec 20220824): the primary part is shaped and handed out as soon as its
/// fetches are done. Each deferred part's fetches start as soon as the fetches they read have run, often while the primary
/// part is still fetching; each part is shaped and handed out when they are done, never before the primary part.
/// </summary>
public sealed partial class FederatedGateway
{
    public async IAsyncEnumerable<GatewayResponse> ExecuteIncrementalAsync(GatewayRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (ready, refusal) = await ReadyAsync(request, allowSubscription: false, cancellationToken).ConfigureAwait(false);
        if (ready is null)
        {
            yield return refusal!;
            yield break;
        }

        if (EffectiveRoot(ready.Plan.Root, ready.Variables) is not DeferNode defer)
        {
            yield return await ExecuteReadyAsync(request with { RefuseDefer = false }, ready, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        var operation = ready.Operation;
        var execution = new PlanExecution(operation.Name?.StringValue, ready.Variables, request.ForwardedHeaders, isMutation: false, cancellationToken)
        {
            FetchesRun = defer.FetchIds > 0 ? new FetchSignals(defer.FetchIds) : null,
        };
        if (ready.Authorization.RemovesAnything)
        {
            execution.Errors.AddRange(UnauthorizedErrors(ready.Authorization));
        }

        if (ready.IntrospectionFields.Count > 0)
        {
            await _introspection.ExecuteAsync(ready.IntrospectionFields, operation, ready.Prepared.Fragments, ready.Inputs, execution.Data, execution.Errors, cancellationToken).ConfigureAwait(false);
        }

        // The deferred parts start with the primary part, each waiting only for the fetches it reads; neither the rest of
        // the primary part nor a slow consumer of it holds them back.
        var parts = Channel.CreateUnbounded<(DeferredNode Deferred, PlanExecution Part)>(new UnboundedChannelOptions { SingleReader = true });
        var primaryRun = RunPrimaryAsync(defer.Primary, execution);
        var running = Task.WhenAll(defer.Deferred.Select(d => RunDeferredAsync(d, execution, parts.Writer)));
        _ = running.ContinueWith(t => parts.Writer.TryComplete(t.Exception), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await primaryRun.ConfigureAwait(false);

        var total = CountDeferred(defer.Deferred);
        yield return Complete(request, ready, _schema.QueryType, execution, deferring: true);

        var delivered = 0;
        await foreach (var (deferred, part) in parts.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            delivered++;
            yield return new GatewayResponse
            {
                HasNext = delivered < total,
                Incremental = ShapeDeferred(ready, deferred, execution, part),
            };
        }
    }

    /// <summary>Runs the primary part's fetches; then any of them not sent (a false condition) no longer holds a deferred part back.</summary>
    private async Task RunPrimaryAsync(PlanNode? primary, PlanExecution execution)
    {
        try
        {
            if (primary is not null)
            {
                await _executor.ExecuteAsync(primary, execution).ConfigureAwait(false);
            }
        }
        finally
        {
            execution.FetchesRun?.AllRan(primary);
        }
    }

    /// <summary>
    /// Once the fetches it reads have run, runs a deferred part's fetches and hands the part over, then runs the parts
    /// deferred inside it.
    /// </summary>
    private async Task RunDeferredAsync(DeferredNode deferred, PlanExecution execution, ChannelWriter<(DeferredNode, PlanExecution)> parts)
    {
        if (execution.FetchesRun is { } signals)
        {
            await signals.WhenRun(deferred.Depends).WaitAsync(execution.CancellationToken).ConfigureAwait(false);
        }

        var part = execution.ForDeferredPart();
        var node = deferred.Node;
        IReadOnlyList<DeferredNode> nested = [];
        if (node is DeferNode inner)
        {
            node = inner.Primary;
            nested = inner.Deferred;
        }

        try
        {
            if (node is not null)
            {
                await _executor.ExecuteAsync(node, part).ConfigureAwait(false);
            }
        }
        finally
        {
            execution.FetchesRun?.AllRan(node);
        }

        await parts.WriteAsync((deferred, part), execution.CancellationToken).ConfigureAwait(false);
        await Task.WhenAll(nested.Select(n => RunDeferredAsync(n, execution, parts))).ConfigureAwait(false);
    }

    /// <summary>One incremental result per object at the deferred fragment's path that the fragment applies to.</summary>
    private List<IncrementalResult> ShapeDeferred(ReadyOperation ready, DeferredNode deferred, PlanExecution execution, PlanExecution part)
    {
        var results = new List<(ResponseObject? Data, List<object> Path, List<JsonObject> Errors)>();
        lock (execution.Sync)
        {
            var targets = new List<(DataObject Object, List<object> Path)>();
            CollectAt(execution.Data, deferred.Path, 0, [], targets);
            var errors = part.Errors;
            var assigned = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
            foreach (var (target, path) in targets)
            {
                var type = target.Typename is { } typename && _schema.FindType(typename) is IObjectGraphType runtime
                    ? runtime
                    : _schema.FindType(deferred.ParentType) as IComplexGraphType;
                if (type is null || (deferred.Fragment.TypeCondition is { } condition && !_schema.Satisfies(type.Name, condition)))
                {
                    continue;
                }

                var completionErrors = new List<JsonObject>();
                var data = ResponseShaper.ShapeDeferred(_schema, ready.Prepared, type, deferred.Fragment.Selections, target, path, ready.Variables, errors, completionErrors, part.AnyFetchFailed);
                var own = errors.Where(e => !assigned.Contains(e) && StartsWith(e["path"] as JsonArray, path)).ToList();
                assigned.UnionWith(own);
                own.AddRange(completionErrors);
                results.Add((data, path, own));
            }

            // Errors that name no object of this part still belong to it.
            var rest = errors.Where(e => !assigned.Contains(e)).ToList();
            if (rest.Count > 0)
            {
                if (results.Count == 0)
                {
                    results.Add((null, [], rest));
                }
                else
                {
                    results[0].Errors.AddRange(rest);
                }
            }
        }

        return results.Select(r => new IncrementalResult(r.Data, r.Path, deferred.Label, r.Errors)).ToList();
    }

    private static void CollectAt(object? node, IReadOnlyList<string> path, int step, List<object> at, List<(DataObject, List<object>)> targets)
    {
        if (step == path.Count)
        {
            if (node is DataObject found)
            {
                targets.Add((found, [.. at]));
            }

            return;
        }

        if (path[step] == "@")
        {
            if (node is object?[] items)
            {
                for (var i = 0; i < items.Length; i++)
                {
                    at.Add(i);
                    CollectAt(items[i], path, step + 1, at, targets);
                    at.RemoveAt(at.Count - 1);
                }
            }

            return;
        }

        if (node is DataObject obj && obj.TryGetValue(path[step], out var child))
        {
            at.Add(path[step]);
            CollectAt(child, path, step + 1, at, targets);
            at.RemoveAt(at.Count - 1);
        }
    }

    private static bool StartsWith(JsonArray? errorPath, List<object> prefix)
    {
        if (errorPath is null || errorPath.Count < prefix.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            var matches = prefix[i] switch
            {
                int index => errorPath[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<int>() == index,
                string name => errorPath[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == name,
                _ => false,
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountDeferred(IReadOnlyList<DeferredNode> deferred) =>
        deferred.Sum(d => 1 + (d.Node is DeferNode inner ? CountDeferred(inner.Deferred) : 0));

    /// <summary>The node that runs for these variables: condition nodes at the top (<c>@defer(if: $v)</c>, <c>@skip</c>/<c>@include</c>) decided.</summary>
    private static PlanNode? EffectiveRoot(PlanNode? root, JsonObject variables)
    {
        while (root is ConditionNode condition)
        {
            root = variables.TryGetPropertyValue(condition.Variable, out var value) && value is JsonValue v && v.GetValueKind() == JsonValueKind.True
                ? condition.IfTrue
                : condition.IfFalse;
        }

        return root;
    }
}
