using System.Text.Json;
using GraphQL;
using GraphQL.Federation;
using GraphQL.Federation.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>
/// A federation subgraph built from an SDL and JSON data: root fields read the <c>Query</c>/<c>Mutation</c> objects of
/// the data, every other field reads the property of its name, and entities are found among the data's objects of their
/// type by the key fields of each representation. Resolvers can be replaced per field (<c>Type.field</c>).
/// </summary>
public sealed class DataSubgraph
{
    private readonly IDocumentExecuter<ISchema> _executer;
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, object?> _root;
    private readonly GraphQLSerializer _serializer = new();

    public DataSubgraph(string name, string sdl, string dataJson, IReadOnlyDictionary<string, Func<IResolveFieldContext, object?>>? resolvers = null)
    {
        Name = name;
        var data = (Dictionary<string, object?>)ToObject(JsonDocument.Parse(dataJson).RootElement)!;
        _root = data;
        var services = new ServiceCollection();
        services.AddGraphQL(builder => builder
            .AddSchema(provider => BuildSchema(provider, sdl, data, resolvers))
            .AddFederation("2.3")
            .AddSystemTextJson());
        _services = services.BuildServiceProvider();
        _executer = _services.GetRequiredService<IDocumentExecuter<ISchema>>();
    }

    public string Name { get; }

    /// <summary>Runs one GraphQL request body (<c>query</c>, <c>operationName</c>, <c>variables</c>) and returns the JSON answer.</summary>
    public async Task<byte[]> ExecuteAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var query = body.GetProperty("query").GetString();
        var operationName = body.TryGetProperty("operationName", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
        var variables = body.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object
            ? _serializer.ReadNode<Inputs>(vars)
            : null;
        var result = await _executer.ExecuteAsync(options =>
        {
            options.Query = query;
            options.OperationName = operationName;
            options.Variables = variables;
            options.Root = _root.GetValueOrDefault("Query");
            options.RequestServices = _services;
            options.CancellationToken = cancellationToken;
            options.UnhandledExceptionDelegate = context =>
            {
                // Test subgraphs report what went wrong instead of a generic message.
                context.ErrorMessage = context.OriginalException.Message;
                return Task.CompletedTask;
            };
        }).ConfigureAwait(false);
        using var stream = new MemoryStream();
        await _serializer.WriteAsync(stream, result, cancellationToken).ConfigureAwait(false);
        return stream.ToArray();
    }

    private static Schema BuildSchema(IServiceProvider provider, string sdl, Dictionary<string, object?> data, IReadOnlyDictionary<string, Func<IResolveFieldContext, object?>>? resolvers)
    {
        // @interfaceObject only informs composition; at run time such a type is an ordinary entity object type.
        sdl = sdl.Replace("@interfaceObject", string.Empty, StringComparison.Ordinal);

        // Access rules are enforced by the gateway; the test subgraphs serve whatever they are asked.
        sdl = System.Text.RegularExpressions.Regex.Replace(sdl, @"@(authenticated\b|requiresScopes\([^)]*\)|policy\([^)]*\))", string.Empty);

        // @context/@fromContext tell the gateway where an argument's value comes from; the subgraph just takes the argument.
        sdl = System.Text.RegularExpressions.Regex.Replace(sdl, @"@(context|fromContext)\([^)]*\)", string.Empty);
        var document = GraphQLParser.Parser.Parse(sdl);
        if (!document.Definitions.OfType<GraphQLObjectTypeDefinition>().Any(t => t.Name.StringValue == "Query"))
        {
            // An entity-only subgraph still needs a Query type for federation to add _entities to.
            sdl += "\ntype Query";
        }

        var schema = Schema.For(sdl, builder =>
        {
            // Runs the schema configurations AddFederation registered (directives, _entities, _service).
            builder.ServiceProvider = provider;
            builder.RunConfigurations = true;
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLInterfaceTypeDefinition entityInterface
                    && data.TryGetValue(entityInterface.Name.StringValue, out var implementations) && implementations is List<object?> found)
                {
                    // An entity interface: representations name the interface, stored rows name their concrete type.
                    builder.Types.For(entityInterface.Name.StringValue).ResolveReference(new DataEntityResolver(entityInterface.Name.StringValue, found));
                    continue;
                }

                if (definition is not GraphQLObjectTypeDefinition and not GraphQLObjectTypeExtension)
                {
                    continue;
                }

                var typeName = definition is GraphQLObjectTypeDefinition def ? def.Name.StringValue : ((GraphQLObjectTypeExtension)definition).Name.StringValue;
                var type = builder.Types.For(typeName);
                type.IsTypeOfFunc = source => source is IDictionary<string, object?> obj
                    && (!obj.TryGetValue("__typename", out var typename) || (typename as string) == typeName);
                if (data.TryGetValue(typeName, out var rows) && rows is List<object?> entities)
                {
                    type.ResolveReference(new DataEntityResolver(typeName, entities));
                }
                else if (typeName is not "Query" and not "Mutation")
                {
                    type.ResolveReference(new DataEntityResolver(typeName, null));
                }

                var fields = definition is GraphQLObjectTypeDefinition d ? d.Fields : ((GraphQLObjectTypeExtension)definition).Fields;
                foreach (var field in fields?.Items ?? [])
                {
                    var fieldName = field.Name.StringValue;
                    var coordinate = typeName + "." + fieldName;
                    var fieldConfig = type.FieldFor(fieldName);
                    if (typeName == "Subscription")
                    {
                        // Subscriptions are not served by test subgraphs; the schema still needs a stream per field.
                        fieldConfig.StreamResolver = new GraphQL.Resolvers.SourceStreamResolver<object?>(_ => new CompletedObservable());
                    }
                    else if (resolvers is not null && resolvers.TryGetValue(coordinate, out var resolver))
                    {
                        fieldConfig.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(resolver);
                    }
                    else if (typeName == "Mutation")
                    {
                        fieldConfig.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(_ =>
                            data.GetValueOrDefault("Mutation") is Dictionary<string, object?> m ? m.GetValueOrDefault(fieldName) : null);
                    }
                    else
                    {
                        fieldConfig.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(context =>
                            context.Source is IDictionary<string, object?> source && source.TryGetValue(fieldName, out var value) ? value : null);
                    }
                }
            }
        });

        // Custom scalars of the SDL carry their JSON values through unchanged.
        foreach (var scalar in document.Definitions.OfType<GraphQLScalarTypeDefinition>())
        {
            schema.RegisterType(new JsonScalarGraphType(scalar.Name.StringValue));
        }

        return schema;
    }

    internal static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt32(out var i) ? (object)i : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A custom scalar whose values pass through as they are.</summary>
    private sealed class JsonScalarGraphType : ScalarGraphType
    {
        public JsonScalarGraphType(string name) => Name = name;

        public override object? ParseValue(object? value) => value;

        public override object? ParseLiteral(GraphQLValue value) => value switch
        {
            GraphQLIntValue integer => int.Parse(integer.Value.Span, System.Globalization.CultureInfo.InvariantCulture),
            GraphQLFloatValue real => double.Parse(real.Value.Span, System.Globalization.CultureInfo.InvariantCulture),
            GraphQLStringValue text => new string(text.Value.Span),
            GraphQLBooleanValue flag => flag.BoolValue,
            _ => null,
        };

        public override object? Serialize(object? value) => value;
    }

    /// <summary>A stream that ends at once.</summary>
    private sealed class CompletedObservable : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            observer.OnCompleted();
            return new CancellationTokenSource();
        }
    }

    /// <summary>Finds an entity among the data's objects by the representation's fields that the stored object has too.</summary>
    private sealed class DataEntityResolver(string typeName, List<object?>? rows) : IFederationResolver
    {
        public Type SourceType => typeof(Dictionary<string, object?>);

        public bool MatchKeys(IDictionary<string, object?> representation) => true;

        public object ParseRepresentation(IComplexGraphType graphType, IDictionary<string, object?> representation) =>
            new Dictionary<string, object?>(representation);

        public ValueTask<object?> ResolveAsync(IResolveFieldContext context, IComplexGraphType graphType, object parsedRepresentation)
        {
            var representation = (Dictionary<string, object?>)parsedRepresentation;
            if (rows is null)
            {
                return ValueTask.FromResult<object?>(representation);
            }

            foreach (var row in rows)
            {
                if (row is not Dictionary<string, object?> stored)
                {
                    continue;
                }

                var matches = true;
                var compared = 0;
                foreach (var (key, value) in representation)
                {
                    if (key == "__typename" || !stored.TryGetValue(key, out var storedValue))
                    {
                        continue;
                    }

                    compared++;
                    if (!Matches(storedValue, value))
                    {
                        matches = false;
                        break;
                    }
                }

                if (matches && compared > 0)
                {
                    // Required fields arrive in the representation; the stored object wins for fields it owns.
                    var merged = new Dictionary<string, object?>(representation);
                    foreach (var (key, value) in stored)
                    {
                        merged[key] = value;
                    }

                    if (!stored.ContainsKey("__typename"))
                    {
                        merged["__typename"] = typeName;
                    }
                    return ValueTask.FromResult<object?>(merged);
                }
            }

            return ValueTask.FromResult<object?>(null);
        }

        /// <summary>A stored value matches a representation value when every field the representation gives matches.</summary>
        private static bool Matches(object? stored, object? given) => given switch
        {
            IDictionary<string, object?> fields => stored is IDictionary<string, object?> storedFields
                && fields.All(field => field.Key == "__typename"
                    || (storedFields.TryGetValue(field.Key, out var storedField) && Matches(storedField, field.Value))),
            null => stored is null,
            _ => stored is not null && Convert.ToString(stored, System.Globalization.CultureInfo.InvariantCulture)
                == Convert.ToString(given, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
