using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Runs a query plan: sends its fetches (independent ones concurrently), batches entity representations into one
/// deduplicated <c>_entities</c> request per fetch node, merges every answer into one data tree and re-paths subgraph
/// errors to the client's paths. A failing subgraph becomes errors, never an exception.
/// </summary>
public sealed class PlanExecutor
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly ISubgraphClient _client;
    private readonly IReadOnlyDictionary<string, Uri> _subgraphUrls;
    private readonly ApiSchemaIndex _schema;
    private readonly Func<string, TimeSpan> _timeoutOf;
    private readonly ISubgraphFetchFailureObserver? _failureObserver;

    /// <param name="client">The transport to the subgraphs.</param>
    /// <param name="subgraphUrls">Subgraph URLs by name.</param>
    /// <param name="schema">The API schema.</param>
    /// <param name="timeoutOf">Each subgraph's timeout; enforced here too, whatever the transport does.</param>
    /// <param name="failureObserver">Told of every fetch that fails as a whole.</param>
    public PlanExecutor(
        ISubgraphClient client,
        IReadOnlyDictionary<string, Uri> subgraphUrls,
        ApiSchemaIndex schema,
        Func<string, TimeSpan> timeoutOf,
        ISubgraphFetchFailureObserver? failureObserver = null)
    {
        _client = client;
        _subgraphUrls = subgraphUrls;
        _schema = schema;
        _timeoutOf = timeoutOf;
        _failureObserver = failureObserver;
    }

    internal Task ExecuteAsync(PlanNode root, PlanExecution execution) => RunAsync(root, null, execution);

    /// <summary>Merges one result of a root fetch that was sent elsewhere (a subscription's event) as if this executor had fetched it.</summary>
    internal void MergeRootResult(FetchNode fetch, ReadOnlySpan<byte> result, PlanExecution execution)
    {
        if (SubgraphResponseReader.Read(result) is not { } body)
        {
            FailFetch(execution, fetch, null, ErrorCodes.SubgraphInvalidResponse, $"Subgraph '{fetch.Subgraph}' sent an event that is not a GraphQL response.");
            return;
        }

        MergeRootBody(fetch, body, execution);
    }

    /// <summary>Writes the errors of a root fetch that failed as a whole.</summary>
    internal void FailRootFetch(FetchNode fetch, PlanExecution execution, string code, string message) =>
        FailFetch(execution, fetch, null, code, message);

    private Task RunAsync(PlanNode node, IReadOnlyList<string>? path, PlanExecution execution)
    {
        switch (node)
        {
            case FetchNode { Id: { } id } fetch when execution.FetchesRun is { } signals:
                return RunSignallingAsync(fetch, id, signals, path, execution);
            case FetchNode fetch:
                return RunFetchAsync(fetch, path, execution);
            case SequenceNode sequence:
                return RunSequenceAsync(sequence, path, execution);
            case ParallelNode parallel:
                return RunParallelAsync(parallel, path, execution);
            case FlattenNode flatten:
                return RunAsync(flatten.Node, path is null ? flatten.Path : [.. path, .. flatten.Path], execution);
            case DeferNode defer:
                // Everything in one response: the primary part first, then every deferred part.
                return RunUndeferredAsync(defer, path, execution);
            case ConditionNode condition:
                var branch = IsTrue(execution.Variables, condition.Variable) ? condition.IfTrue : condition.IfFalse;
                return branch is null ? Task.CompletedTask : RunAsync(branch, path, execution);
            default:
                throw new NotSupportedException($"Unknown plan node {node.GetType().Name}.");
        }
    }

    /// <summary>Runs a fetch that deferred fragments wait for, and lets them go once it has run (whether it succeeded or not).</summary>
    private async Task RunSignallingAsync(FetchNode fetch, int id, FetchSignals signals, IReadOnlyList<string>? path, PlanExecution execution)
    {
        try
        {
            await RunFetchAsync(fetch, path, execution).ConfigureAwait(false);
        }
        finally
        {
            signals.Ran(id);
        }
    }

    private async Task RunUndeferredAsync(DeferNode defer, IReadOnlyList<string>? path, PlanExecution execution)
    {
        if (defer.Primary is not null)
        {
            await RunAsync(defer.Primary, path, execution).ConfigureAwait(false);
        }

        await Task.WhenAll(defer.Deferred.Where(d => d.Node is not null).Select(d => RunAsync(d.Node!, path, execution))).ConfigureAwait(false);
    }

    private async Task RunSequenceAsync(SequenceNode sequence, IReadOnlyList<string>? path, PlanExecution execution)
    {
        foreach (var node in sequence.Nodes)
        {
            await RunAsync(node, path, execution).ConfigureAwait(false);
        }
    }

    private Task RunParallelAsync(ParallelNode parallel, IReadOnlyList<string>? path, PlanExecution execution)
    {
        var tasks = new Task[parallel.Nodes.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = RunAsync(parallel.Nodes[i], path, execution);
        }

        return Task.WhenAll(tasks);
    }

    private static bool IsTrue(JsonObject variables, string name) =>
        variables.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private Task RunFetchAsync(FetchNode fetch, IReadOnlyList<string>? path, PlanExecution execution)
    {
        if (!fetch.IsEntityFetch)
        {
            return SendFetchAsync(fetch, null, null, execution);
        }

        List<(EntityBatch Batch, DataObject? Context)> groups;
        lock (execution.Sync)
        {
            groups = EntityBatch.CollectGroups(fetch, path ?? [], execution.Data, _schema);
        }

        // One request per set of @fromContext values (a single one without them).
        var sends = groups.Where(g => g.Batch.Count > 0).Select(g => SendFetchAsync(fetch, g.Batch, g.Context, execution)).ToList();
        return sends.Count switch
        {
            0 => Task.CompletedTask,
            1 => sends[0],
            _ => Task.WhenAll(sends),
        };
    }

    private async Task SendFetchAsync(FetchNode fetch, EntityBatch? batch, DataObject? context, PlanExecution execution)
    {
        if (!_subgraphUrls.TryGetValue(fetch.Subgraph, out var url))
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphRequestFailed, $"No URL is known for subgraph '{fetch.Subgraph}'.");
            return;
        }

        var request = new SubgraphRequest(fetch.Subgraph, url, WriteBody(fetch, batch, execution.Variables, context), execution.Headers, execution.IsMutation);
        SubgraphResponse response;
        var timeout = _timeoutOf(fetch.Subgraph);
        try
        {
            response = await _client.SendAsync(request, execution.CancellationToken).WaitAsync(timeout, execution.CancellationToken).ConfigureAwait(false);
        }
        catch (SubgraphTimeoutException ex)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphTimeout, ex.Message);
            return;
        }
        catch (SubgraphUnavailableException ex)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphUnavailable, ex.Message);
            return;
        }
        catch (TimeoutException)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphTimeout, $"Subgraph '{fetch.Subgraph}' did not answer within {timeout.TotalMilliseconds:0} ms.");
            return;
        }
        catch (OperationCanceledException) when (execution.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphRequestFailed, $"HTTP fetch failed from '{fetch.Subgraph}': {ex.Message}");
            return;
        }

        var body = SubgraphResponseReader.Read(response.Body.Span);
        if (response.StatusCode is < 200 or >= 300)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphRequestFailed, $"HTTP fetch failed from '{fetch.Subgraph}': {response.StatusCode}", body);
            return;
        }

        if (body is null)
        {
            FailFetch(execution, fetch, batch, ErrorCodes.SubgraphInvalidResponse, $"Subgraph '{fetch.Subgraph}' answered with a body that is not a GraphQL response.");
            return;
        }

        if (batch is null)
        {
            MergeRootBody(fetch, body, execution);
            return;
        }

        lock (execution.Sync)
        {
            AddSubgraphErrors(fetch.Subgraph, body, batch, execution);
            if (body.Data is not { } data)
            {
                execution.AnyFetchFailed = true;
                return;
            }

            MergeEntities(fetch, batch, data, execution);
        }
    }

    private static void MergeRootBody(FetchNode fetch, ParsedResponse body, PlanExecution execution)
    {
        lock (execution.Sync)
        {
            AddSubgraphErrors(fetch.Subgraph, body, null, execution);
            if (body.Data is not { } data)
            {
                execution.AnyFetchFailed = true;
                return;
            }

            ApplyRewrites(data, fetch.OutputRewrites);
            ResultMerger.MergeInto(execution.Data, data, copySource: false);
        }
    }

    /// <summary>Writes the errors of a fetch that failed as a whole (plus any GraphQL errors its body carried), then tells the observer.</summary>
    private void FailFetch(PlanExecution execution, FetchNode fetch, EntityBatch? batch, string code, string message, ParsedResponse? body = null)
    {
        lock (execution.Sync)
        {
            FailedFetchErrors.Add(execution, fetch, batch, _schema, code, message);
            if (body is not null)
            {
                AddSubgraphErrors(fetch.Subgraph, body, batch, execution);
            }
        }

        if (_failureObserver is null)
        {
            return;
        }

        try
        {
            _failureObserver.OnFetchFailed(new SubgraphFetchFailure(fetch.Subgraph, execution.OperationName, fetch.OperationName, code, message));
        }
        catch (Exception)
        {
            // Reporting is a side channel: a faulty observer must not cost the client its response.
        }
    }

    /// <summary>The request body of a root fetch (a subscription's, sent elsewhere).</summary>
    internal static ReadOnlyMemory<byte> WriteRootBody(FetchNode fetch, JsonObject variables) => WriteBody(fetch, null, variables, null);

    private static ReadOnlyMemory<byte> WriteBody(FetchNode fetch, EntityBatch? batch, JsonObject variables, DataObject? context)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (fetch.Document.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("query", fetch.Document);
            if (fetch.OperationName is not null)
            {
                writer.WriteString("operationName", fetch.OperationName);
            }

            writer.WriteStartObject("variables");
            foreach (var usage in fetch.VariableUsages)
            {
                if (variables.TryGetPropertyValue(usage, out var value))
                {
                    writer.WritePropertyName(usage);
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(writer);
                    }
                }
            }

            for (var i = 0; i < (context?.Count ?? 0); i++)
            {
                writer.WritePropertyName(context!.NameAt(i));
                DataObject.Write(writer, context.ValueAt(i));
            }

            if (batch is not null)
            {
                writer.WritePropertyName("representations");
                writer.WriteRawValue(batch.RepresentationsJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private void MergeEntities(FetchNode fetch, EntityBatch batch, DataObject data, PlanExecution execution)
    {
        if (!data.TryGetValue("_entities", out var value) || value is not object?[] items)
        {
            return;
        }

        var count = Math.Min(items.Length, batch.Targets.Count);
        for (var i = 0; i < count; i++)
        {
            if (items[i] is not DataObject entity)
            {
                continue;
            }

            ApplyRewrites(entity, fetch.OutputRewrites);
            KeepConcreteTypename(entity);
            var targets = batch.Targets[i];
            for (var t = 0; t < targets.Count; t++)
            {
                ResultMerger.MergeInto(targets[t].Object, entity, copySource: t < targets.Count - 1);
            }
        }
    }

    /// <summary>
    /// An <c>@interfaceObject</c> subgraph answers with the interface's name as <c>__typename</c>; the object it merges into
    /// already knows its concrete type, which must survive.
    /// </summary>
    private void KeepConcreteTypename(DataObject entity)
    {
        if (entity.Typename is { } typename && _schema.FindType(typename) is not GraphQL.Types.IObjectGraphType)
        {
            entity.Remove("__typename");
        }
    }

    private static void AddSubgraphErrors(string subgraph, ParsedResponse body, EntityBatch? batch, PlanExecution execution)
    {
        if (body.Errors is not { } errors)
        {
            return;
        }

        foreach (var item in errors)
        {
            if (item is not JsonObject error)
            {
                continue;
            }

            var path = error["path"] as JsonArray;
            if (batch is not null && path is { Count: >= 2 }
                && path[0] is JsonValue first && first.GetValueKind() == JsonValueKind.String && first.GetValue<string>() == "_entities"
                && path[1] is JsonValue second && second.GetValueKind() == JsonValueKind.Number
                && second.TryGetValue<int>(out var index) && index >= 0 && index < batch.Targets.Count)
            {
                foreach (var target in batch.Targets[index])
                {
                    var clientPath = new JsonArray();
                    foreach (var segment in target.Path)
                    {
                        clientPath.Add(segment is int i ? JsonValue.Create(i) : JsonValue.Create((string)segment));
                    }

                    for (var s = 2; s < path.Count; s++)
                    {
                        clientPath.Add(path[s]?.DeepClone());
                    }

                    execution.Errors.Add(RepathError(subgraph, error, clientPath));
                }
            }
            else if (batch is not null)
            {
                // An entity error that names no representation cannot be placed on a client path.
                execution.Errors.Add(RepathError(subgraph, error, null));
            }
            else
            {
                execution.Errors.Add(RepathError(subgraph, error, path?.DeepClone().AsArray()));
            }
        }
    }

    private static JsonObject RepathError(string subgraph, JsonObject error, JsonArray? path)
    {
        var result = new JsonObject
        {
            ["message"] = error["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String
                ? message.GetValue<string>()
                : $"Subgraph '{subgraph}' reported an error.",
        };
        if (path is not null)
        {
            result["path"] = path;
        }

        var extensions = error["extensions"] is JsonObject subgraphExtensions
            ? subgraphExtensions.DeepClone().AsObject()
            : [];
        if (!extensions.ContainsKey("code"))
        {
            extensions["code"] = ErrorCodes.DownstreamServiceError;
        }

        extensions["serviceName"] = subgraph;
        result["extensions"] = extensions;
        return result;
    }

    /// <summary>Applies input or output rewrites to one representation or entity.</summary>
    internal static void ApplyRewrites(DataObject value, IReadOnlyList<FetchRewrite> rewrites)
    {
        foreach (var rewrite in rewrites)
        {
            ApplyRewrite(value, rewrite, 0);
        }
    }

    private static void ApplyRewrite(object? node, FetchRewrite rewrite, int segment)
    {
        if (node is object?[] list)
        {
            foreach (var item in list)
            {
                ApplyRewrite(item, rewrite, segment);
            }

            return;
        }

        if (node is not DataObject obj || segment >= rewrite.Path.Count)
        {
            return;
        }

        var step = rewrite.Path[segment];
        if (step.StartsWith("... on ", StringComparison.Ordinal))
        {
            if (obj.Typename == step[7..].Trim())
            {
                ApplyRewrite(obj, rewrite, segment + 1);
            }

            return;
        }

        if (segment < rewrite.Path.Count - 1)
        {
            if (obj.TryGetValue(step, out var child))
            {
                ApplyRewrite(child, rewrite, segment + 1);
            }

            return;
        }

        switch (rewrite)
        {
            case ValueSetter setter:
                obj.Set(step, setter.Value);
                break;
            case KeyRenamer renamer when obj.TryGetValue(step, out var value):
                obj.Remove(step);

                // The other half of a field aliased apart may already sit under the name: both halves count.
                var renamed = new DataObject(1);
                renamed.Set(renamer.RenameKeyTo, value);
                ResultMerger.MergeInto(obj, renamed, copySource: false);
                break;
        }
    }
}
