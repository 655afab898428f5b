using System.Globalization;
using System.Runtime.CompilerServices;
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
    private readonly PreparedDocument _document;
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly JsonObject _variables;
    private readonly List<JsonObject> _errors;
    private readonly List<JsonObject> _completionErrors;
    private readonly bool _nullsExplainedByFailedFetch;
    private readonly HashSet<string> _errorPaths;
    private readonly List<object> _path = new(16);
    private IReadOnlySet<object>? _removedFields;

    /// <summary>Leave out <c>@defer</c>red fragments: they are delivered apart (incremental delivery).</summary>
    private bool _deferring;

    private ResponseShaper(ApiSchemaIndex schema, PreparedDocument document, JsonObject variables, List<JsonObject> errors, List<JsonObject> completionErrors, bool anyFetchFailed)
    {
        _schema = schema;
        _document = document;
        _fragments = document.Fragments;
        _variables = variables;
        _errors = errors;
        _completionErrors = completionErrors;
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

    /// <summary>
    /// Shapes <paramref name="data"/> for <paramref name="operation"/>; returns <c>null</c> when null propagation reaches
    /// <c>data</c>. Errors the gateway finds while completing values (a value the API schema cannot represent, a null in a
    /// non-null position) go to <paramref name="completionErrors"/>.
    /// </summary>
    public static ResponseObject? Shape(
        ApiSchemaIndex schema,
        PreparedDocument document,
        GraphQLOperationDefinition operation,
        IObjectGraphType rootType,
        DataObject data,
        JsonObject variables,
        List<JsonObject> errors,
        List<JsonObject> completionErrors,
        bool anyFetchFailed,
        IReadOnlySet<object>? removedFields = null,
        bool deferring = false)
    {
        var shaper = new ResponseShaper(schema, document, variables, errors, completionErrors, anyFetchFailed)
        {
            _removedFields = removedFields is { Count: > 0 } ? removedFields : null,
            _deferring = deferring,
        };
        var fields = shaper.FieldsOf(operation.SelectionSet, rootType, static (shaper, owner, type, into) =>
            shaper.CollectFields(type, (GraphQLSelectionSet)owner, into));
        var outcome = shaper.CompleteFields(rootType, data, fields, out var result);
        return outcome == Outcome.Value ? result : null;
    }

    /// <summary>
    /// Shapes one deferred fragment's selections on one object found at <paramref name="path"/>; <c>null</c> when null
    /// propagation reaches the fragment. Fragments deferred inside it are left out (they come in parts of their own).
    /// </summary>
    public static ResponseObject? ShapeDeferred(
        ApiSchemaIndex schema,
        PreparedDocument document,
        IComplexGraphType type,
        GraphQLSelectionSet selections,
        DataObject source,
        IReadOnlyList<object> path,
        JsonObject variables,
        List<JsonObject> errors,
        List<JsonObject> completionErrors,
        bool anyFetchFailed)
    {
        var shaper = new ResponseShaper(schema, document, variables, errors, completionErrors, anyFetchFailed) { _deferring = true };
        shaper._path.AddRange(path);
        var fields = new FieldCollection();
        shaper.CollectFields(type, selections, fields);
        fields.Resolve(type);
        return shaper.CompleteFields(type, source, fields, out var result) == Outcome.Value ? result : null;
    }

    /// <summary>
    /// The fields selected on <paramref name="type"/> under <paramref name="owner"/> (a selection set or a field's nodes),
    /// cached per document when no <c>@skip</c>/<c>@include</c> makes them depend on variables.
    /// </summary>
    private FieldCollection FieldsOf(object owner, IComplexGraphType type, Action<ResponseShaper, object, IComplexGraphType, FieldCollection> collect)
    {
        if (_document.ShapeCache is { } cache && !_deferring)
        {
            var key = new ShapeKey(owner, type);
            if (cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var built = new FieldCollection();
            collect(this, owner, type, built);
            built.Resolve(type);
            return cache.GetOrAdd(key, built);
        }

        var fields = new FieldCollection();
        collect(this, owner, type, fields);
        fields.Resolve(type);
        return fields;
    }

    private Outcome CompleteFields(IComplexGraphType type, DataObject source, FieldCollection fields, out ResponseObject? result)
    {
        var output = new ResponseObject(fields.Count);
        result = null;
        var entries = fields.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var field = entries[i];
            switch (field.Kind)
            {
                case CollectedFieldKind.Typename:
                    output.Add(field.ResponseName, type.Name);
                    continue;
                case CollectedFieldKind.Introspection:
                    // Answered by the gateway's introspection and placed in the data under the response name.
                    source.TryGetValue(field.ResponseName, out var introspected);
                    output.Add(field.ResponseName, introspected);
                    continue;
                case CollectedFieldKind.Unknown:
                    continue;
            }

            source.TryGetValue(field.ResponseName, out var value);
            _path.Add(field.ResponseName);
            var outcome = CompleteValue(field.Definition!.ResolvedType!, value, field, type, out var completed);
            _path.RemoveAt(_path.Count - 1);
            if (outcome == Outcome.Propagate)
            {
                return Outcome.Propagate;
            }

            output.Add(field.ResponseName, completed);
        }

        result = output;
        return Outcome.Value;
    }

    private Outcome CompleteValue(IGraphType type, object? value, CollectedField field, IComplexGraphType parent, out object? result)
    {
        result = null;
        if (type is NonNullGraphType nonNull)
        {
            var inner = CompleteValue(nonNull.ResolvedType!, value, field, parent, out result);
            if (inner == Outcome.Value)
            {
                return Outcome.Value;
            }

            if (inner == Outcome.Null && !WasRemoved(field))
            {
                AddNonNullError(parent, field.FieldName);
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
                if (value is not object?[] array)
                {
                    return FieldError($"Expected a list for field '{field.FieldName}' but the subgraph returned {DataObject.KindOf(value)}.");
                }

                var items = new object?[array.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    _path.Add(i);
                    var outcome = CompleteValue(list.ResolvedType!, array[i], field, parent, out var item);
                    _path.RemoveAt(_path.Count - 1);
                    if (outcome == Outcome.Propagate)
                    {
                        return Outcome.ErrorNull;
                    }

                    items[i] = item;
                }

                result = items;
                return Outcome.Value;
            case EnumerationGraphType enumeration:
                if (value is string enumValue && enumeration.Values.FindByName(enumValue) is not null)
                {
                    result = value;
                    return Outcome.Value;
                }

                return FieldError($"Enum \"{enumeration.Name}\" cannot represent value: {DataObject.ToJsonText(value)}");
            case ScalarGraphType scalar:
                return CompleteScalar(scalar, value, out result);
            case IComplexGraphType or UnionGraphType:
                return CompleteObject(type, value, field, out result);
            default:
                return FieldError($"The gateway cannot complete values of type {type.Name}.");
        }
    }

    private Outcome CompleteObject(IGraphType declared, object value, CollectedField field, out object? result)
    {
        result = null;
        if (value is not DataObject obj)
        {
            return FieldError($"Expected an object of type {declared.Name} but the subgraph returned {DataObject.KindOf(value)}.");
        }

        IComplexGraphType? runtime = declared as IObjectGraphType;
        if (runtime is null)
        {
            var typename = obj.Typename;
            runtime = typename is null ? null : _schema.FindType(typename) as IObjectGraphType;
            if (runtime is null && declared is IInterfaceGraphType iface && (typename is null || typename == iface.Name))
            {
                // An @interfaceObject subgraph knows only the interface. The planner asks a subgraph that knows the
                // implementations whenever the selection depends on the concrete type, so here the interface's own
                // fields are all that is selected.
                runtime = iface;
            }
            else if (runtime is null || !_schema.Satisfies(runtime.Name, declared.Name))
            {
                return FieldError($"Abstract type \"{declared.Name}\" must resolve to an object type at runtime; the subgraph returned \"{typename}\".");
            }
        }

        var fields = FieldsOf(field.Nodes, runtime, static (shaper, owner, type, into) =>
        {
            foreach (var node in (List<GraphQLField>)owner)
            {
                if (node.SelectionSet is not null)
                {
                    shaper.CollectFields(type, node.SelectionSet, into);
                }
            }
        });
        var outcome = CompleteFields(runtime, obj, fields, out var shaped);
        if (outcome == Outcome.Propagate)
        {
            return Outcome.ErrorNull;
        }

        result = shaped;
        return Outcome.Value;
    }

    private Outcome CompleteScalar(ScalarGraphType scalar, object value, out object? result)
    {
        result = null;
        switch (scalar)
        {
            case IntGraphType:
                switch (value)
                {
                    case int:
                        result = value;
                        return Outcome.Value;
                    case double real when real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue:
                        result = (int)real;
                        return Outcome.Value;
                    default:
                        return FieldError($"Int cannot represent value: {DataObject.ToJsonText(value)}");
                }

            case FloatGraphType:
                if (value is int or long or double)
                {
                    result = value;
                    return Outcome.Value;
                }

                return FieldError($"Float cannot represent value: {DataObject.ToJsonText(value)}");
            case StringGraphType:
                switch (value)
                {
                    case string:
                        result = value;
                        return Outcome.Value;
                    case int or long or double:
                        result = DataObject.ToJsonText(value);
                        return Outcome.Value;
                    case bool flag:
                        result = flag ? "true" : "false";
                        return Outcome.Value;
                    default:
                        return FieldError($"String cannot represent value: {DataObject.ToJsonText(value)}");
                }

            case BooleanGraphType:
                if (value is bool)
                {
                    result = value;
                    return Outcome.Value;
                }

                return FieldError($"Boolean cannot represent value: {DataObject.ToJsonText(value)}");
            case IdGraphType:
                switch (value)
                {
                    case string:
                        result = value;
                        return Outcome.Value;
                    case int or long:
                        result = Convert.ToString(value, CultureInfo.InvariantCulture);
                        return Outcome.Value;
                    default:
                        return FieldError($"ID cannot represent value: {DataObject.ToJsonText(value)}");
                }

            default:
                // Custom scalars travel as the subgraph serialized them.
                result = value;
                return Outcome.Value;
        }
    }

    private Outcome FieldError(string message)
    {
        var key = ResponseErrors.PathKey(_path);
        _errorPaths.Add(key);
        _completionErrors.Add(ResponseErrors.Create(message, ErrorCodes.InvalidSubgraphValue, [.. _path]));
        return Outcome.ErrorNull;
    }

    /// <summary>True when authorization left the field out of the plan: its null is explained by that error.</summary>
    private bool WasRemoved(CollectedField field)
    {
        if (_removedFields is null)
        {
            return false;
        }

        foreach (var node in field.Nodes)
        {
            if (!_removedFields.Contains(node))
            {
                return false;
            }
        }

        return true;
    }

    private void AddNonNullError(IComplexGraphType parent, string fieldName)
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

        _completionErrors.Add(ResponseErrors.Create(
            $"Cannot return null for non-nullable field {parent.Name}.{fieldName}.",
            ErrorCodes.InvalidSubgraphValue,
            [.. _path]));
    }

    private void CollectFields(IComplexGraphType type, GraphQLSelectionSet selectionSet, FieldCollection fields)
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
                    if (IsIncluded(inline.Directives) && !IsDeferred(inline.Directives)
                        && (inline.TypeCondition is null || _schema.Satisfies(type.Name, inline.TypeCondition.Type.Name.StringValue)))
                    {
                        CollectFields(type, inline.SelectionSet, fields);
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    if (IsIncluded(spread.Directives) && !IsDeferred(spread.Directives)
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

    private bool IsDeferred(GraphQLDirectives? directives) => _deferring && DirectiveConditions.IsDeferred(directives, _variables);

    /// <summary>Fields by response name, in the order of their first appearance.</summary>
    internal sealed class FieldCollection
    {
        public List<CollectedField> Entries { get; } = [];

        public int Count => Entries.Count;

        public void Add(string responseName, GraphQLField field)
        {
            foreach (var entry in Entries)
            {
                if (entry.ResponseName == responseName)
                {
                    entry.Nodes.Add(field);
                    return;
                }
            }

            Entries.Add(new CollectedField(responseName, field.Name.StringValue, [field]));
        }

        /// <summary>Looks every field up on the type once, so that completing many objects does not repeat it.</summary>
        public void Resolve(IComplexGraphType type)
        {
            foreach (var entry in Entries)
            {
                if (entry.FieldName == "__typename")
                {
                    entry.Kind = CollectedFieldKind.Typename;
                }
                else if (entry.FieldName is "__schema" or "__type")
                {
                    entry.Kind = CollectedFieldKind.Introspection;
                }
                else
                {
                    entry.Definition = type.GetField(entry.FieldName);
                    entry.Kind = entry.Definition?.ResolvedType is null ? CollectedFieldKind.Unknown : CollectedFieldKind.Field;
                }
            }
        }
    }

    internal enum CollectedFieldKind
    {
        Field,
        Typename,
        Introspection,
        Unknown,
    }

    /// <summary>One response name of a selection on one object type, with every field node merged under it.</summary>
    internal sealed class CollectedField(string responseName, string fieldName, List<GraphQLField> nodes)
    {
        public string ResponseName { get; } = responseName;

        public string FieldName { get; } = fieldName;

        public List<GraphQLField> Nodes { get; } = nodes;

        public FieldType? Definition { get; set; }

        public CollectedFieldKind Kind { get; set; }
    }

    /// <summary>Identifies a cached field collection: the selection it came from (by reference) and the object type.</summary>
    internal readonly record struct ShapeKey(object Owner, IComplexGraphType Type) : IEquatable<ShapeKey>
    {
        public bool Equals(ShapeKey other) => ReferenceEquals(Owner, other.Owner) && ReferenceEquals(Type, other.Type);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Owner), RuntimeHelpers.GetHashCode(Type));
    }
}
