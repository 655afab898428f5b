using System.Globalization;
using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;
using UCE.Gateway.Engine.Execution;

namespace UCE.Gateway.Engine.Limits;

/// <summary>
/// Measures operations for the <see cref="OperationLimits"/> in one pass over the syntax tree. Each fragment is measured once
/// however often it is spread, and counts saturate instead of overflowing, so a fragment bomb costs no more to measure
/// than its text. Fields the schema does not know are measured as plain objects; validation reports them.
/// </summary>
public sealed class OperationMeasurer
{
    private const long Ceiling = long.MaxValue / 4;
    private const long MutationFieldCost = 10;

    private readonly ApiSchemaIndex _schema;
    private readonly IReadOnlyDictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly OperationLimits _limits;
    private readonly JsonElement? _variables;
    private readonly Dictionary<(string Name, long? Slice), Partial> _measuredFragments = [];
    private readonly HashSet<string> _fragmentsInProgress = new(StringComparer.Ordinal);

    /// <param name="schema">The API schema.</param>
    /// <param name="fragments">The document's fragments by name.</param>
    /// <param name="limits">Where the slicing arguments and the assumed list size come from.</param>
    /// <param name="variables">The request's variables, for slicing arguments given as variables; <c>null</c> measures those as their default.</param>
    public OperationMeasurer(
        ApiSchemaIndex schema,
        IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        OperationLimits limits,
        JsonElement? variables)
    {
        _schema = schema;
        _fragments = fragments;
        _limits = limits;
        _variables = variables;
    }

    /// <summary>A fragment that spreads itself (directly or through others), once one was met; <c>null</c> while none was.</summary>
    public string? CyclicFragment { get; private set; }

    /// <summary>Measures one operation of the document.</summary>
    public OperationMeasure Measure(GraphQLOperationDefinition operation)
    {
        IGraphType? root = operation.Operation switch
        {
            OperationType.Mutation => _schema.MutationType,
            OperationType.Subscription => _schema.SubscriptionType,
            _ => _schema.QueryType,
        };
        var measured = Measure(operation.SelectionSet, root, slice: null);
        var directives = Add(measured.Directives, Count(operation.Directives));
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            directives = Add(directives, Count(variable.Directives));
        }

        var cost = operation.Operation == OperationType.Mutation
            ? Add(measured.Cost, Multiply(measured.Fields, MutationFieldCost))
            : measured.Cost;
        return new OperationMeasure(measured.Depth, measured.Aliases, measured.Fields, directives, cost, measured.UsesVariables);
    }

    // slice: the size a paged parent (a connection) passes to its sized list fields (edges, nodes).
    private Partial Measure(GraphQLSelectionSet selectionSet, IGraphType? parent, long? slice)
    {
        var total = default(Partial);
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    total = total.Combine(MeasureField(field, parent, slice));
                    break;
                case GraphQLInlineFragment inline:
                    var type = inline.TypeCondition is { } condition ? _schema.FindType(condition.Type.Name.StringValue) ?? parent : parent;
                    total = total.Combine(Measure(inline.SelectionSet, type, slice));
                    total.Directives = Add(total.Directives, Count(inline.Directives));
                    break;
                case GraphQLFragmentSpread spread:
                    total = total.Combine(MeasureFragment(spread.FragmentName.Name.StringValue, slice));
                    total.Directives = Add(total.Directives, Count(spread.Directives));
                    break;
            }
        }

        return total;
    }

    private Partial MeasureField(GraphQLField field, IGraphType? parent, long? slice)
    {
        var definition = parent is IComplexGraphType complex ? complex.GetField(field.Name.StringValue) : null;
        var measured = new Partial
        {
            Depth = 1,
            Fields = 1,
            Aliases = field.Alias is null ? 0 : 1,
            Directives = Count(field.Directives),
        };
        if (field.SelectionSet is not { } children)
        {
            return measured;
        }

        var (named, listLevels) = Unwrap(definition?.ResolvedType);
        var sliced = SlicingSize(field, definition, ref measured.UsesVariables);
        var size = 1L;
        long? childSlice = null;
        if (listLevels > 0)
        {
            var inherited = slice is not null && _limits.SizedFields.Contains(field.Name.StringValue) ? slice : null;
            size = sliced ?? inherited ?? _limits.AssumedListSize;
            for (var level = 1; level < listLevels; level++)
            {
                size = Multiply(size, _limits.AssumedListSize);
            }
        }
        else
        {
            // A paged field that returns one object (a connection) sizes the lists inside it.
            childSlice = sliced;
        }

        var inner = Measure(children, named, childSlice);

        measured.Depth = 1 + inner.Depth;
        measured.Aliases = Add(measured.Aliases, inner.Aliases);
        measured.Directives = Add(measured.Directives, inner.Directives);
        measured.Cost = Multiply(size, Add(1, inner.Cost));
        measured.UsesVariables |= inner.UsesVariables;
        return measured;
    }

    private Partial MeasureFragment(string name, long? slice)
    {
        if (_measuredFragments.TryGetValue((name, slice), out var known))
        {
            return known;
        }

        if (!_fragments.TryGetValue(name, out var fragment))
        {
            return default; // An unknown fragment is a validation error, reported there.
        }

        if (!_fragmentsInProgress.Add(name))
        {
            CyclicFragment ??= name;
            return default;
        }

        var type = _schema.FindType(fragment.TypeCondition.Type.Name.StringValue);
        var measured = Measure(fragment.SelectionSet, type, slice);
        measured.Directives = Add(measured.Directives, Count(fragment.Directives));
        _fragmentsInProgress.Remove(name);
        _measuredFragments[(name, slice)] = measured;
        return measured;
    }

    /// <summary>The largest slicing argument of the field (given, from a variable, or its default); <c>null</c> when it has none.</summary>
    private long? SlicingSize(GraphQLField field, FieldType? definition, ref bool usesVariables)
    {
        long? size = null;
        foreach (var slicing in _limits.SlicingArguments)
        {
            long? value = null;
            var argument = field.Arguments?.Items.FirstOrDefault(candidate => candidate.Name.StringValue == slicing);
            switch (argument?.Value)
            {
                case GraphQLIntValue literal when long.TryParse(literal.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                    value = number;
                    break;
                case GraphQLVariable variable:
                    usesVariables = true;
                    value = VariableInteger(variable.Name.StringValue) ?? DefaultOf(definition, slicing);
                    break;
                case null:
                    value = DefaultOf(definition, slicing);
                    break;
            }

            if (value is { } found)
            {
                size = Math.Max(size ?? 0, Math.Max(0, found));
            }
        }

        return size;
    }

    private long? VariableInteger(string name) =>
        _variables is { ValueKind: JsonValueKind.Object } variables
        && variables.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var number)
            ? number
            : null;

    private static long? DefaultOf(FieldType? definition, string argument) =>
        definition?.Arguments?.Find(argument)?.DefaultValue switch
        {
            int number => number,
            long number => number,
            _ => null,
        };

    private static (IGraphType? Named, int ListLevels) Unwrap(IGraphType? type)
    {
        var levels = 0;
        while (true)
        {
            switch (type)
            {
                case NonNullGraphType nonNull:
                    type = nonNull.ResolvedType;
                    break;
                case ListGraphType list:
                    levels++;
                    type = list.ResolvedType;
                    break;
                default:
                    return (type, levels);
            }
        }
    }

    private static long Count(GraphQLDirectives? directives) => directives?.Items.Count ?? 0;

    private static long Add(long left, long right) => Math.Min(Ceiling, left + right);

    private static long Multiply(long left, long right) =>
        left == 0 || right == 0 ? 0 : left > Ceiling / right ? Ceiling : Math.Min(Ceiling, left * right);

    /// <summary>A selection set's measure, relative to its own level.</summary>
    private struct Partial
    {
        public int Depth;
        public long Fields;
        public long Aliases;
        public long Directives;
        public long Cost;
        public bool UsesVariables;

        public readonly Partial Combine(Partial other) => new()
        {
            Depth = Math.Max(Depth, other.Depth),
            Fields = Add(Fields, other.Fields),
            Aliases = Add(Aliases, other.Aliases),
            Directives = Add(Directives, other.Directives),
            Cost = Add(Cost, other.Cost),
            UsesVariables = UsesVariables || other.UsesVariables,
        };
    }
}
