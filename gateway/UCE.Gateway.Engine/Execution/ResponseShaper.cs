using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Builds the client's response from the merged data: walks the client operation (fragments resolved against each
/// object's actual type), keeps only what was asked for under the client's response names and in its field order,
/// checks leaf values against the API schema, and applies GraphQL null propagation.
/// </summary>
internal sealed class ResponseShaper
{
    private readonly ApiSchemaIndex _schema;
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly JsonObject _variables;
    private readonly List<JsonObject> _errors;
    private readonly bool _nullsExplainedByFailedFetch;
    private readonly HashSet<string> _errorPaths;
    private readonly List<object> _path = new(16);

    private ResponseShaper(ApiSchemaIndex schema, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments, JsonObject variables, List<JsonObject> errors, bool anyFetchFailed)
    {
        _schema = schema;
        _fragments = fragments;
        _variables = variables;
        _errors = errors;
        _nullsExplainedByFailedFetch = anyFetchFailed;
        _errorPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            if (ResponseErrors.PathKey(error["path"]) is { } key)
            {
                _errorPaths.Add(key);
            }
        }
    }

    private enum Outcome
    {
        Value,
        Null,

        /// <summary>Null, and an error explaining it is already recorded.</summary>
        ErrorNull,

        /// <summary>A non-null position is null: the nearest nullable parent must become null.</summary>
        Propagate,
    }

    /// <summary>Shapes <paramref name="data"/> for <paramref name="operation"/>; returns <c>null</c> when null propagation reaches <c>data</c>.</summary>
    public static JsonObject? Shape(
        ApiSchemaIndex schema,
        IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        GraphQLOperationDefinition operation,
        IObjectGraphType rootType,
        JsonObject data,
        JsonObject variables,
        List<JsonObject> errors,
        bool anyFetchFailed)
    {
        var shaper = new ResponseShaper(schema, fragments, variables, errors, anyFetchFailed);
        var fields = new FieldCollection();
        shaper.CollectFields(rootType, operation.SelectionSet, fields);
        var outcome = shaper.CompleteFields(rootType, data, fields, out var result);
        return outcome == Outcome.Value ? result : null;
    }

    private Outcome CompleteFields(IObjectGraphType type, JsonObject source, FieldCollection fields, out JsonObject? result)
    {
        var output = new JsonObject();
        result = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var responseName = fields.ResponseNames[i];
            var nodes = fields.Nodes[i];
            var fieldName = nodes[0].Name.StringValue;
            if (fieldName == "__typename")
            {
                output[responseName] = type.Name;
                continue;
            }

            if (fieldName is "__schema" or "__type")
            {
                // Answered by the gateway's introspection and placed in the data under the response name.
                output[responseName] = source[responseName]?.DeepClone();
                continue;
            }

            var definition = type.GetField(fieldName);
            if (definition?.ResolvedType is null)
            {
                continue;
            }

            source.TryGetPropertyValue(responseName, out var value);
            _path.Add(responseName);
            var outcome = CompleteValue(definition.ResolvedType, value, nodes, type, out var completed);
            _path.RemoveAt(_path.Count - 1);
            if (outcome == Outcome.Propagate)
            {
                return Outcome.Propagate;
            }

            output[responseName] = completed;
        }

        result = output;
        return Outcome.Value;
    }

    private Outcome CompleteValue(IGraphType type, JsonNode? value, List<GraphQLField> nodes, IComplexGraphType parent, out JsonNode? result)
    {
        result = null;
        if (type is NonNullGraphType nonNull)
        {
            var inner = CompleteValue(nonNull.ResolvedType!, value, nodes, parent, out result);
            if (inner == Outcome.Value)
            {
                return Outcome.Value;
            }

            if (inner == Outcome.Null)
            {
                AddNonNullError(parent, nodes[0]);
            }

            return Outcome.Propagate;
        }

        if (value is null)
        {
            return Outcome.Null;
        }

        switch (type)
        {
            case ListGraphType list:
                if (value is not JsonArray array)
                {
                    return FieldError($"Expected a list for field '{nodes[0].Name.StringValue}' but the subgraph returned {value.GetValueKind()}.");
                }

                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    _path.Add(i);
                    var outcome = CompleteValue(list.ResolvedType!, array[i], nodes, parent, out var item);
                    _path.RemoveAt(_path.Count - 1);
                    if (outcome == Outcome.Propagate)
                    {
                        return Outcome.ErrorNull;
                    }

                    items.Add(item);
                }

                result = items;
                return Outcome.Value;
            case EnumerationGraphType enumeration:
                if (value is JsonValue enumValue && enumValue.GetValueKind() == JsonValueKind.String)
                {
                    var name = enumValue.GetValue<string>();
                    if (enumeration.Values.FindByName(name) is not null)
                    {
                        result = JsonValue.Create(name);
                        return Outcome.Value;
                    }
                }

                return FieldError($"Enum \"{enumeration.Name}\" cannot represent value: {value.ToJsonString()}");
            case ScalarGraphType scalar:
                return CompleteScalar(scalar, value, out result);
            case IComplexGraphType complex:
                return CompleteObject(complex, value, nodes, out result);
            case UnionGraphType union:
                return CompleteObject(union, value, nodes, out result);
            default:
                return FieldError($"The gateway cannot complete values of type {type.Name}.");
        }
    }

    private Outcome CompleteObject(IGraphType declared, JsonNode value, List<GraphQLField> nodes, out JsonNode? result)
    {
        result = null;
        if (value is not JsonObject obj)
        {
            return FieldError($"Expected an object of type {declared.Name} but the subgraph returned {value.GetValueKind()}.");
        }

        var runtime = declared as IObjectGraphType;
        if (runtime is null)
        {
            var typename = EntityBatch.TypenameOf(obj);
            runtime = typename is null ? null : _schema.FindType(typename) as IObjectGraphType;
            if (runtime is null || !_schema.Satisfies(runtime.Name, declared.Name))
            {
                return FieldError($"Abstract type \"{declared.Name}\" must resolve to an object type at runtime; the subgraph returned \"{typename}\".");
            }
        }

        var fields = new FieldCollection();
        foreach (var node in nodes)
        {
            if (node.SelectionSet is not null)
            {
                CollectFields(runtime, node.SelectionSet, fields);
            }
        }

        var outcome = CompleteFields(runtime, obj, fields, out var shaped);
        if (outcome == Outcome.Propagate)
        {
            return Outcome.ErrorNull;
        }

        result = shaped;
        return Outcome.Value;
    }

    private Outcome CompleteScalar(ScalarGraphType scalar, JsonNode value, out JsonNode? result)
    {
        result = null;
        var kind = value.GetValueKind();
        switch (scalar)
        {
            case IntGraphType:
                if (kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out var integer))
                {
                    result = JsonValue.Create(integer);
                    return Outcome.Value;
                }

                return FieldError($"Int cannot represent value: {value.ToJsonString()}");
            case FloatGraphType:
                if (kind == JsonValueKind.Number)
                {
                    result = JsonValue.Create(value.GetValue<double>());
                    return Outcome.Value;
                }

                return FieldError($"Float cannot represent value: {value.ToJsonString()}");
            case StringGraphType:
                switch (kind)
                {
                    case JsonValueKind.String:
                        result = JsonValue.Create(value.GetValue<string>());
                        return Outcome.Value;
                    case JsonValueKind.Number:
                        result = JsonValue.Create(value.ToJsonString());
                        return Outcome.Value;
                    case JsonValueKind.True or JsonValueKind.False:
                        result = JsonValue.Create(kind == JsonValueKind.True ? "true" : "false");
                        return Outcome.Value;
                    default:
                        return FieldError($"String cannot represent value: {value.ToJsonString()}");
                }

            case BooleanGraphType:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    result = JsonValue.Create(kind == JsonValueKind.True);
                    return Outcome.Value;
                }

                return FieldError($"Boolean cannot represent value: {value.ToJsonString()}");
            case IdGraphType:
                if (kind == JsonValueKind.String)
                {
                    result = JsonValue.Create(value.GetValue<string>());
                    return Outcome.Value;
                }

                if (kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var id))
                {
                    result = JsonValue.Create(id.ToString(CultureInfo.InvariantCulture));
                    return Outcome.Value;
                }

                return FieldError($"ID cannot represent value: {value.ToJsonString()}");
            default:
                // Custom scalars travel as the subgraph serialized them.
                result = value.DeepClone();
                return Outcome.Value;
        }
    }

    private Outcome FieldError(string message)
    {
        var key = ResponseErrors.PathKey(_path);
        _errorPaths.Add(key);
        _errors.Add(ResponseErrors.Create(message, ErrorCodes.InvalidSubgraphValue, [.. _path]));
        return Outcome.ErrorNull;
    }

    private void AddNonNullError(IComplexGraphType parent, GraphQLField node)
    {
        // A subgraph error at this path, or a fetch that failed as a whole, already explains the null.
        if (_nullsExplainedByFailedFetch)
        {
            return;
        }

        var key = ResponseErrors.PathKey(_path);
        if (!_errorPaths.Add(key))
        {
            return;
        }

        _errors.Add(ResponseErrors.Create(
            $"Cannot return null for non-nullable field {parent.Name}.{node.Name.StringValue}.",
            ErrorCodes.InvalidSubgraphValue,
            [.. _path]));
    }

    private void CollectFields(IObjectGraphType type, GraphQLSelectionSet selectionSet, FieldCollection fields)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (IsIncluded(field.Directives))
                    {
                        fields.Add((field.Alias?.Name ?? field.Name).StringValue, field);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    if (IsIncluded(inline.Directives)
                        && (inline.TypeCondition is null || _schema.Satisfies(type.Name, inline.TypeCondition.Type.Name.StringValue)))
                    {
                        CollectFields(type, inline.SelectionSet, fields);
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    if (IsIncluded(spread.Directives)
                        && _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && _schema.Satisfies(type.Name, fragment.TypeCondition.Type.Name.StringValue))
                    {
                        CollectFields(type, fragment.SelectionSet, fields);
                    }

                    break;
            }
        }
    }

    private bool IsIncluded(GraphQLDirectives? directives) => DirectiveConditions.IsIncluded(directives, _variables);

    /// <summary>Fields by response name, in the order of their first appearance.</summary>
    private sealed class FieldCollection
    {
        public List<string> ResponseNames { get; } = [];

        public List<List<GraphQLField>> Nodes { get; } = [];

        public int Count => ResponseNames.Count;

        public void Add(string responseName, GraphQLField field)
        {
            for (var i = 0; i < ResponseNames.Count; i++)
            {
                if (ResponseNames[i] == responseName)
                {
                    Nodes[i].Add(field);
                    return;
                }
            }

            ResponseNames.Add(responseName);
            Nodes.Add([field]);
        }
    }
}
