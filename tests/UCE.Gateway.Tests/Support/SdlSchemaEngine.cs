using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;
using UCE.Gateway.Engine;
using UCE.Gateway.Supergraph;

namespace UCE.Gateway.Tests.Support;

/// <summary>
/// A small real engine for transport tests: it serves a plain SDL schema with GraphQL.NET, so parse and
/// validation errors, variables and operation selection behave like a GraphQL server's. Field values:
/// <c>header(name)</c> returns the forwarded header; <c>held</c> answers once the engine's <see cref="RequestGate"/> opens;
/// a mutation field increments <see cref="MutationCounter"/> and returns the new count; any other field
/// returns its name followed by its arguments (<c>greet(name: "Ada")</c> → <c>"greet:Ada"</c>).
/// </summary>
public sealed class SdlSchemaEngine : IGatewayEngine, IDisposable
{
    private static readonly GraphQLSerializer Serializer = new();
    private readonly Schema _schema;
    private readonly DocumentExecuter _executer = new();
    private readonly MutationCounter _counter;
    private readonly RequestGate _gate;
    private int _executed;
    private int _disposed;

    public SdlSchemaEngine(string sdl, MutationCounter counter, RequestGate? gate = null)
    {
        _counter = counter;
        _gate = gate ?? new RequestGate();
        Sdl = sdl;
        _schema = Schema.For(sdl, builder =>
        {
            foreach (var type in GraphQLParser.Parser.Parse(sdl).Definitions.OfType<GraphQLObjectTypeDefinition>())
            {
                var typeName = type.Name.StringValue;
                foreach (var field in type.Fields?.Items ?? [])
                {
                    var fieldName = field.Name.StringValue;
                    builder.Types.For(typeName).FieldFor(fieldName).Resolver = typeName == "Mutation"
                        ? new FuncFieldResolver<object?>(_ => _counter.Increment())
                        : new FuncFieldResolver<object?>(context => ResolveAsync(context, fieldName, _gate));
                }
            }
        });
        _schema.Initialize();
    }

    public string Sdl { get; }

    /// <summary>The requests this engine executed.</summary>
    public int ExecutedRequests => Volatile.Read(ref _executed);

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    public async ValueTask<GatewayResponse> ExecuteAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Interlocked.Increment(ref _executed);
        if (!request.AllowMutations && request.Query is not null && IsMutation(request.Query, request.OperationName))
        {
            return GatewayResponse.RequestError("Mutations can only be sent over HTTP POST.", "MUTATION_NOT_ALLOWED_OVER_GET");
        }

        var result = await _executer.ExecuteAsync(options =>
        {
            options.Schema = _schema;
            options.Query = request.Query;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables is { } variables ? Serializer.ReadNode<Inputs>(variables) : null;
            options.UserContext = new Dictionary<string, object?> { ["headers"] = request.ForwardedHeaders };
            options.CancellationToken = cancellationToken;
        });

        var json = JsonNode.Parse(Serializer.Serialize(result))!.AsObject();
        var errors = json["errors"] is JsonArray array ? array.Select(e => e!.DeepClone().AsObject()).ToList() : [];
        return new GatewayResponse
        {
            IsRequestError = !result.Executed,
            Data = json["data"] is JsonObject data ? data.DeepClone().AsObject() : null,
            Errors = errors,
            Extensions = request.IncludeQueryPlan ? new JsonObject { ["queryPlan"] = $"SdlSchemaEngine: {request.Query}" } : null,
        };
    }

    public void Dispose() => Volatile.Write(ref _disposed, 1);

    private static bool IsMutation(string query, string? operationName)
    {
        try
        {
            return GraphQLParser.Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>()
                .Any(operation => operation.Operation == OperationType.Mutation && (operationName is null || operation.Name?.StringValue == operationName));
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return false;
        }
    }

    private static async ValueTask<object?> ResolveAsync(IResolveFieldContext context, string fieldName, RequestGate gate)
    {
        if (fieldName == "held")
        {
            await gate.WaitAsync(context.CancellationToken);
        }

        if (fieldName == "header")
        {
            var headers = (IReadOnlyDictionary<string, string>?)((Dictionary<string, object?>)context.UserContext)["headers"];
            var name = context.GetArgument<string>("name");
            return headers is not null && headers.TryGetValue(name, out var value) ? value : null;
        }

        var arguments = context.Arguments?.Select(argument => Convert.ToString(argument.Value.Value, System.Globalization.CultureInfo.InvariantCulture)) ?? [];
        return string.Join(':', new[] { fieldName }.Concat(arguments));
    }
}

/// <summary>Counts mutations across engines, so that ordering survives a reload.</summary>
public sealed class MutationCounter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public int Increment() => Interlocked.Increment(ref _value);
}

/// <summary>Holds requests for the <c>held</c> field until a test opens it, so "a request is in flight" is a fact, not a guess about timing.</summary>
public sealed class RequestGate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _opened.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _opened.Task.WaitAsync(cancellationToken);
}

/// <summary>Builds <see cref="SdlSchemaEngine"/>s and remembers them, so tests can see which engine served what.</summary>
public sealed class SdlSchemaEngineFactory : IGatewayEngineFactory
{
    private readonly List<SdlSchemaEngine> _created = [];

    public MutationCounter Counter { get; } = new();

    /// <summary>The gate every engine this factory builds holds <c>held</c> requests on.</summary>
    public RequestGate Gate { get; } = new();

    public IReadOnlyList<SdlSchemaEngine> Created
    {
        get
        {
            lock (_created)
            {
                return [.. _created];
            }
        }
    }

    public IGatewayEngine Create(string supergraphSdl)
    {
        var engine = new SdlSchemaEngine(supergraphSdl, Counter, Gate);
        lock (_created)
        {
            _created.Add(engine);
        }

        return engine;
    }
}
