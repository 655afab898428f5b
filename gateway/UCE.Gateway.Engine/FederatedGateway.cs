using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine;

/// <summary>
/// The gateway engine over one loaded supergraph: parses and validates requests against the API schema (cached),
/// plans them (cached), runs the plan against the subgraphs and shapes the response. Thread-safe; the host swaps
/// instances when the supergraph changes.
/// </summary>
public sealed partial class FederatedGateway : IGatewayEngine, IDisposable
{
    private static readonly GraphQLSerializer VariableReader = new();
    private static readonly IValidationRule[] VariablesOnly = [];
    private static readonly ParserOptions ParserOptions = new() { Ignore = IgnoreOptions.Comments, MaxDepth = DocumentDepth.MaxDocument };

    private readonly ApiSchemaIndex _schema;
    private readonly Func<GraphQLDocument, string?, QueryPlan> _plan;
    private readonly Func<QueryPlan, string>? _printPlan;
    private readonly GatewayOptions _options;
    private readonly ISubgraphClient _client;
    private readonly HttpSubgraphClient? _ownedClient;
    private readonly PlanExecutor _executor;
    private readonly ISubgraphSubscriptionClient _subscriptions;
    private readonly Subscriptions.WebSocketSubgraphSubscriptionClient? _ownedSubscriptions;
    private readonly Dictionary<string, Uri> _subgraphUrls;
    private readonly IntrospectionExecutor _introspection;
    private readonly DocumentValidator _validator = new();
    private readonly BoundedCache<string, PreparedDocument> _documents;
    private readonly BoundedCache<string, PreparedDocument> _documentsByKey;
    private readonly BoundedCache<(string Document, bool ByKey, string? OperationName, string Removed), QueryPlan> _plans;
    private readonly AuthorizationFilter? _authorization;
    private readonly int? _mostTokensAnyRole;

    /// <summary>An engine over a supergraph, planned with <see cref="QueryPlanner"/>.</summary>
    public FederatedGateway(SupergraphSchema supergraph, GatewayOptions? options = null)
        : this(supergraph.ApiSchema, SubgraphUrls(supergraph), new QueryPlanner(supergraph).Plan, QueryPlanPrinter.Print, options, AuthorizationRules.For(supergraph))
    {
    }

    /// <summary>An engine over an API schema, the subgraphs' URLs and a planner.</summary>
    /// <param name="apiSchema">The API schema clients see.</param>
    /// <param name="subgraphUrls">Subgraph URLs by name (overridden by <see cref="GatewayOptions.SubgraphUrlOverrides"/>).</param>
    /// <param name="plan">Plans an operation of a validated document.</param>
    /// <param name="printPlan">Prints a plan for <c>extensions.queryPlan</c>.</param>
    /// <param name="options">Engine settings.</param>
    public FederatedGateway(
        ISchema apiSchema,
        IReadOnlyDictionary<string, Uri> subgraphUrls,
        Func<GraphQLDocument, string?, QueryPlan> plan,
        Func<QueryPlan, string>? printPlan,
        GatewayOptions? options = null)
        : this(apiSchema, subgraphUrls, plan, printPlan, options, rules: null)
    {
    }

    private FederatedGateway(
        ISchema apiSchema,
        IReadOnlyDictionary<string, Uri> subgraphUrls,
        Func<GraphQLDocument, string?, QueryPlan> plan,
        Func<QueryPlan, string>? printPlan,
        GatewayOptions? options,
        AuthorizationRules? rules)
    {
        _options = options ?? new GatewayOptions();
        _authorization = rules is null ? null : new AuthorizationFilter(rules, _options.PolicyEvaluator);
        _schema = new ApiSchemaIndex(apiSchema);
        _plan = plan;
        _printPlan = printPlan;
        var urls = new Dictionary<string, Uri>(subgraphUrls, StringComparer.Ordinal);
        foreach (var (name, url) in _options.SubgraphUrlOverrides)
        {
            urls[name] = url;
        }

        var client = _options.SubgraphClient;
        if (client is null)
        {
            var http = new HttpSubgraphClient(_options.TimeoutOf, _options.SubgraphHttpHandler, _options.SubgraphRequestSigner);
            _ownedClient = http;
            client = http;
        }

        client = _options.SubgraphClientWrapper?.Invoke(client) ?? client;
        _client = _options.DeduplicateInFlightQueries ? new DeduplicatingSubgraphClient(client) : client;
        _executor = new PlanExecutor(_client, urls, _schema, _options.TimeoutOf, _options.FetchFailureObserver);
        if (_options.SubscriptionClient is { } subscriptions)
        {
            _subscriptions = subscriptions;
        }
        else
        {
            var webSockets = new Subscriptions.WebSocketSubgraphSubscriptionClient(_options.TimeoutOf, _options.SubgraphRequestSigner);
            _ownedSubscriptions = webSockets;
            _subscriptions = webSockets;
        }

        _subgraphUrls = urls;
        _introspection = new IntrospectionExecutor(_schema);
        _documents = new BoundedCache<string, PreparedDocument>(_options.DocumentCacheSize, StringComparer.Ordinal);
        _documentsByKey = new BoundedCache<string, PreparedDocument>(_options.DocumentCacheSize, StringComparer.Ordinal);
        _plans = new BoundedCache<(string, bool, string?, string), QueryPlan>(_options.PlanCacheSize);
        _mostTokensAnyRole = _options.LimitsByRole.Values.Append(_options.Limits)
            .Aggregate((int?)0, (most, limits) => most is null || limits.MaxTokens is null ? null : Math.Max(most.Value, limits.MaxTokens.Value));
    }

    /// <summary>Plan cache hits and misses since the engine was created.</summary>
    public (long Hits, long Misses) PlanCacheStatistics => (_plans.Hits + _pinnedPlanHits, _plans.Misses + _pinnedPlanMisses);

    /// <summary>
    /// Document (parse and validation) cache hits and misses since the engine was created, documents keyed by text and by
    /// <see cref="GatewayRequest.DocumentKey"/> together; a request for a pinned document is a hit.
    /// </summary>
    public (long Hits, long Misses) DocumentCacheStatistics => (_documents.Hits + _documentsByKey.Hits + _pinnedDocumentHits, _documents.Misses + _documentsByKey.Misses);

    /// <summary>Subgraph requests not sent since the engine was created because an identical one was in flight (0 when deduplication is off).</summary>
    public long DeduplicatedRequests => (_client as DeduplicatingSubgraphClient)?.SharedRequests ?? 0;

    public async ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A defect must cost one response, not the host: the client gets a GraphQL error with a stable code.
            return new GatewayResponse
            {
                Errors = [ResponseErrors.Create($"The gateway failed to execute the operation: {ex.Message}", ErrorCodes.InternalServerError)],
            };
        }
    }

    private async ValueTask<GatewayResponse> ExecuteCoreAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var (ready, refusal) = await ReadyAsync(request, allowSubscription: false, cancellationToken).ConfigureAwait(false);
        return ready is null ? refusal! : await ExecuteReadyAsync(request, ready, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an operation that passed every step before execution and shapes the whole response.</summary>
    private async ValueTask<GatewayResponse> ExecuteReadyAsync(GatewayRequest request, ReadyOperation ready, CancellationToken cancellationToken)
    {
        if (request.RefuseDefer && EffectiveRoot(ready.Plan.Root, ready.Variables) is DeferNode)
        {
            return GatewayResponse.RequestError(
                "The operation uses @defer but the client does not accept multipart/mixed responses. To enable @defer, send the header 'Accept: multipart/mixed;deferSpec=20220824'.",
                ErrorCodes.DeferBadHeader);
        }

        var (prepared, operation, inputs, variables, introspectionFields, authorization, plan) = ready;
        var execution = new PlanExecution(operation.Name?.StringValue, variables, request.ForwardedHeaders, operation.Operation == OperationType.Mutation, cancellationToken);
        if (authorization.RemovesAnything)
        {
            execution.Errors.AddRange(UnauthorizedErrors(authorization));
        }
        if (introspectionFields.Count > 0)
        {
            await _introspection.ExecuteAsync(introspectionFields, operation, prepared.Fragments, inputs, execution.Data, execution.Errors, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Root is not null)
        {
            await _executor.ExecuteAsync(plan.Root, execution).ConfigureAwait(false);
        }

        var rootType = operation.Operation == OperationType.Mutation ? _schema.MutationType! : _schema.QueryType;
        return Complete(request, ready, rootType, execution);
    }

    /// <summary>
    /// Shapes the data a plan execution gathered into the client's response; with <paramref name="deferring"/>, the primary
    /// part of an incremental response (deferred fragments left out, <c>hasNext</c> true).
    /// </summary>
    private GatewayResponse Complete(GatewayRequest request, ReadyOperation ready, GraphQL.Types.IObjectGraphType rootType, PlanExecution execution, bool deferring = false)
    {
        ResponseObject? data;
        var completionErrors = new List<JsonObject>();
        lock (execution.Sync)
        {
            data = ResponseShaper.Shape(_schema, ready.Prepared, ready.Operation, rootType, execution.Data, ready.Variables, execution.Errors, completionErrors, execution.AnyFetchFailed, ready.Authorization.RemovedFields, deferring);
        }

        JsonObject? extensions = null;
        if (completionErrors.Count > 0)
        {
            if (_options.ValueCompletionErrorsInExtensions)
            {
                extensions = new JsonObject { ["valueCompletion"] = new JsonArray([.. completionErrors]) };
            }
            else
            {
                execution.Errors.AddRange(completionErrors);
            }
        }

        if (request.IncludeQueryPlan && _printPlan is not null)
        {
            extensions ??= [];
            extensions["queryPlan"] = _printPlan(ready.Plan);
        }

        return new GatewayResponse(data)
        {
            Errors = execution.Errors,
            Extensions = extensions,
            IsPublic = !deferring && ready.IsPublic && execution.Errors.Count == 0 && extensions is null,
            HasNext = deferring ? true : null,
            OperationName = ready.Operation.Name?.StringValue,
        };
    }

    /// <summary>
    /// Every step before execution: parse and validate (cached), limits, variables, introspection and authorization,
    /// then the plan (cached). Either the operation ready to run or the response refusing it.
    /// </summary>
    private async ValueTask<(ReadyOperation? Ready, GatewayResponse? Refusal)> ReadyAsync(GatewayRequest request, bool allowSubscription, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return (null, GatewayResponse.RequestError("GraphQL operations must contain a non-empty `query`.", ErrorCodes.BadRequest));
        }

        var prepared = await PrepareAsync(request.Query, request.DocumentKey, cancellationToken).ConfigureAwait(false);
        if (prepared.Errors is not null)
        {
            return (null, new GatewayResponse { IsRequestError = true, Errors = prepared.Errors });
        }

        var operation = prepared.FindOperation(request.OperationName, out var operationError);
        if (operation is null)
        {
            return (null, GatewayResponse.RequestError(operationError!, ErrorCodes.OperationResolutionFailure));
        }

        var limits = request.Caller?.Role is { } role && _options.LimitsByRole.TryGetValue(role, out var roleLimits) ? roleLimits : _options.Limits;
        var measure = prepared.Measures[operation];
        if (measure.CostDependsOnVariables && request.Variables is not null)
        {
            measure = new OperationMeasurer(_schema, prepared.Fragments, _options.Limits, request.Variables).Measure(operation);
        }

        if (OperationLimitCheck.FirstExceeded(measure, prepared.Tokens, limits) is { } exceeded)
        {
            return (null, GatewayResponse.RequestError(exceeded.Message, exceeded.Code));
        }

        if (operation.Operation == OperationType.Mutation && !request.AllowMutations)
        {
            return (null, GatewayResponse.RequestError("Mutations can only be sent over HTTP POST.", ErrorCodes.MutationNotAllowedOverGet));
        }

        if (operation.Operation == OperationType.Subscription && !allowSubscription)
        {
            return (null, GatewayResponse.RequestError("Subscriptions are not served over this transport.", ErrorCodes.SubscriptionNotSupported));
        }

        // Validation rules already passed for this document; what remains per request is coercing the variables.
        Inputs inputs;
        if (operation.Variables is { Items.Count: > 0 })
        {
            var coerced = await CoerceVariablesAsync(prepared, operation, request.Variables, cancellationToken).ConfigureAwait(false);
            if (coerced.Errors is not null)
            {
                return (null, new GatewayResponse { IsRequestError = true, Errors = coerced.Errors });
            }

            inputs = coerced.Inputs!;
        }
        else
        {
            inputs = Inputs.Empty;
        }

        var variables = VariableValues.From(request.Variables, operation);
        var introspectionFields = IntrospectionExecutor.RootIntrospectionFields(operation, prepared.Fragments, variables);
        if (introspectionFields.Count > 0 && !(request.AllowIntrospection ?? _options.EnableIntrospection))
        {
            return (null, GatewayResponse.RequestError("Introspection is disabled on this gateway.", ErrorCodes.IntrospectionDisabled));
        }

        var authorization = AuthorizationOutcome.Allowed;
        var isPublic = false;
        if (_authorization is not null)
        {
            // Only a supergraph with access rules tells public data from private: without any, nothing is public.
            isPublic = operation.Operation == OperationType.Query && introspectionFields.Count == 0
                && _authorization.IsOpen(prepared.Authorization, operation, prepared.Fragments);
            authorization = _authorization.Apply(prepared.Authorization, operation, prepared.Fragments, request.Caller);
            if (authorization.OperationRemoved)
            {
                // Nothing the caller may select is left: no plan, no subgraph request (Apollo Router answers the same).
                return (null, new GatewayResponse(null) { Errors = UnauthorizedErrors(authorization) });
            }
        }

        // Callers with different rights get different plans: the removed selections are part of the key.
        var planKey = (request.DocumentKey ?? request.Query, request.DocumentKey is not null, request.OperationName, authorization.RemovalKey);
        if (!TryCachedPlan(prepared, operation, authorization.RemovalKey, planKey, out var plan))
        {
            try
            {
                plan = _plan(authorization.Document ?? prepared.Document, request.OperationName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (null, new GatewayResponse
                {
                    Errors = [ResponseErrors.Create($"The operation could not be planned: {ex.Message}", ErrorCodes.QueryPlanningFailed)],
                });
            }

            KeepPlan(prepared, operation, authorization.RemovalKey, planKey, plan);
        }

        return (new ReadyOperation(prepared, operation, inputs, variables, introspectionFields, authorization, plan) { IsPublic = isPublic }, null);
    }

    public void Dispose()
    {
        _ownedClient?.Dispose();
        _ownedSubscriptions?.Dispose();
        _pinning.Dispose();
    }

    private static List<JsonObject> UnauthorizedErrors(AuthorizationOutcome authorization)
    {
        var errors = new List<JsonObject>(authorization.ErrorPaths.Count);
        foreach (var path in authorization.ErrorPaths)
        {
            errors.Add(ResponseErrors.Create("Unauthorized field or type", ErrorCodes.UnauthorizedFieldOrType, path));
        }

        return errors;
    }

    private static Dictionary<string, Uri> SubgraphUrls(SupergraphSchema supergraph)
    {
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var subgraph in supergraph.Subgraphs)
        {
            if (Uri.TryCreate(subgraph.Url, UriKind.Absolute, out var url))
            {
                urls[subgraph.Name] = url;
            }
        }

        return urls;
    }

    /// <summary>
    /// The parsed and validated document: pinned under <paramref name="key"/>, or from the cache when it is there, by
    /// <paramref name="key"/> when the host gave one (the text is then not even read), else by the text. Keys and texts
    /// live in separate caches, so that a text which happens to spell a key can never stand in for the document stored
    /// under it.
    /// </summary>
    private async ValueTask<PreparedDocument> PrepareAsync(string query, string? key, CancellationToken cancellationToken)
    {
        if (key is not null && FindPinned(key, query) is { } pinned)
        {
            return pinned;
        }

        var cache = key is null ? _documents : _documentsByKey;
        var cacheKey = key ?? query;
        if (cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var (prepared, keep) = await ParseAndValidateAsync(query, pinned: false, cancellationToken).ConfigureAwait(false);
        if (keep)
        {
            cache.Set(cacheKey, prepared);
        }

        return prepared;
    }

    /// <summary>
    /// Parses, measures and validates a document; <c>Keep</c> is false for one that must not be cached (a text over the
    /// token limit, which the cache would keep alive).
    /// </summary>
    private async ValueTask<(PreparedDocument Prepared, bool Keep)> ParseAndValidateAsync(string query, bool pinned, CancellationToken cancellationToken)
    {
        var tokens = 0;
        if (_mostTokensAnyRole is { } mostTokens)
        {
            tokens = TokenCounter.Count(query, mostTokens);
            if (tokens > mostTokens)
            {
                return (PreparedDocument.Failed([RequestError($"The document has more than {mostTokens} tokens.", ErrorCodes.MaxTokensLimit, null, null)]), false);
            }
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, ParserOptions);
        }
        catch (GraphQLParserException ex)
        {
            // The exception's Message carries the whole document; the client gets only the reason and where.
            var reason = ex is GraphQLMaxDepthExceededException
                ? $"The document is nested more than {DocumentDepth.MaxDocument} syntax levels deep."
                : ex.Description;
            return (PreparedDocument.Failed([RequestError(reason, ErrorCodes.ParseFailed, ex.Location.Line, ex.Location.Column)]), true);
        }

        var first = FirstOperation(document);
        if (first is null)
        {
            return (PreparedDocument.Failed([RequestError("The document contains no operation.", ErrorCodes.ValidationFailed, null, null)]), true);
        }

        // Measured before validation, which would walk a fragment cycle or a fragment bomb's expansion.
        var parsed = new PreparedDocument(document, pinned) { Tokens = tokens };
        if (parsed.MeasureOperations(new OperationMeasurer(_schema, parsed.Fragments, _options.Limits, variables: null)) is { } cyclic)
        {
            return (PreparedDocument.Failed([RequestError($"Fragment \"{cyclic}\" spreads itself.", ErrorCodes.FragmentCycle, null, null)]), true);
        }

        var result = await _validator.ValidateAsync(new ValidationOptions
        {
            Schema = _schema.Schema,
            Document = document,
            Rules = DocumentValidator.CoreRules,
            Operation = first,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);

        // Variable values are checked per request; only the document's own errors are cached with it.
        var documentErrors = new ExecutionErrors();
        foreach (var error in result.Errors)
        {
            if (error is not InvalidVariableError)
            {
                documentErrors.Add(error);
            }
        }

        return (documentErrors.Count == 0 ? parsed : PreparedDocument.Failed(ToErrors(documentErrors, ErrorCodes.ValidationFailed)), true);
    }

    private async ValueTask<(Inputs? Inputs, IReadOnlyList<JsonObject>? Errors)> CoerceVariablesAsync(
        PreparedDocument prepared, GraphQLOperationDefinition operation, JsonElement? variables, CancellationToken cancellationToken)
    {
        Inputs provided;
        try
        {
            provided = variables is { ValueKind: JsonValueKind.Object } element
                ? VariableReader.ReadNode<Inputs>(element) ?? Inputs.Empty
                : Inputs.Empty;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, [ResponseErrors.Create($"Variables could not be read: {ex.Message}", ErrorCodes.BadUserInput)]);
        }

        var result = await _validator.ValidateAsync(new ValidationOptions
        {
            Schema = _schema.Schema,
            Document = prepared.Document,
            Rules = VariablesOnly,
            Operation = operation,
            Variables = provided,
            Extensions = Inputs.Empty,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        return result.IsValid
            ? (result.Variables is null ? Inputs.Empty : new Inputs(ToDictionary(result.Variables)), null)
            : (null, ToErrors(result.Errors, ErrorCodes.BadUserInput));
    }

    private static Dictionary<string, object?> ToDictionary(Variables variables)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            values[variable.Name] = variable.Value;
        }

        return values;
    }

    private static GraphQLOperationDefinition? FirstOperation(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                return operation;
            }
        }

        return null;
    }

    private static List<JsonObject> ToErrors(ExecutionErrors errors, string code)
    {
        var list = new List<JsonObject>(errors.Count);
        foreach (var error in errors)
        {
            var location = error.Locations is { Count: > 0 } locations ? locations[0] : default(Location?);
            list.Add(RequestError(error.Message, code, location?.Line, location?.Column));
        }

        return list;
    }

    private static JsonObject RequestError(string message, string code, int? line, int? column)
    {
        var error = new JsonObject { ["message"] = message };
        if (line is not null && column is not null)
        {
            error["locations"] = new JsonArray(new JsonObject { ["line"] = line.Value, ["column"] = column.Value });
        }

        error["extensions"] = new JsonObject { ["code"] = code };
        return error;
    }
}
