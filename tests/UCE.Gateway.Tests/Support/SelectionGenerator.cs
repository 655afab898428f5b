using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Tests.Support;

/// <summary>
/// Writes, from the supergraph's API schema, a selection of every field reachable from a type down to a depth: every
/// leaf, every object (and so every entity jump into another subgraph), every member of an abstract type. Fields with
/// required arguments get values by type (<c>from</c>/<c>to</c> a week around <see cref="Day"/>); fields whose arguments
/// cannot be made up (input objects) are left out. It also reports which (type, subgraph) pairs the selection reaches.
/// </summary>
public sealed class SelectionGenerator(SupergraphSchema supergraph, DateOnly day)
{
    public DateOnly Day { get; } = day;

    /// <summary>The (type, subgraph) pairs the selections written so far reach: every subgraph that resolves a selected field of a type.</summary>
    public HashSet<(string Type, string Subgraph)> Reached { get; } = [];

    /// <summary>Every (entity type, subgraph) pair of the supergraph: a type with a key in that subgraph that contributes fields there.</summary>
    public IEnumerable<(string Type, string Subgraph)> EntityPairs() =>
        supergraph.Types.Values
            .Where(type => type.Kind == SupergraphTypeKind.Object && type.Graphs.Values.Any(graph => graph.Keys.Count > 0))
            .SelectMany(type => type.Fields
                .SelectMany(field => field.JoinFields.Where(join => join.Graph is not null && !join.External).Select(join => join.Graph!))
                .Where(graph => type.Graphs.TryGetValue(graph, out var inGraph) && inGraph.Keys.Count > 0)
                .Distinct()
                .Select(graph => (type.Name, graph)));

    /// <summary>The selection set (with braces) of <paramref name="typeName"/> to <paramref name="depth"/> levels.</summary>
    public string Select(string typeName, int depth)
    {
        var text = new StringBuilder();
        Write(text, (IComplexGraphType)supergraph.ApiSchema.AllTypes[typeName]!, depth);
        return text.ToString();
    }

    private void Write(StringBuilder text, IGraphType type, int depth)
    {
        text.Append("{ __typename");
        if (type is IAbstractGraphType abstractType)
        {
            foreach (var possible in abstractType.PossibleTypes.OrderBy(possible => possible.Name, StringComparer.Ordinal))
            {
                text.Append(" ... on ").Append(possible.Name).Append(' ');
                Write(text, possible, depth);
            }

            text.Append(" }");
            return;
        }

        var complex = (IComplexGraphType)type;
        foreach (var field in complex.Fields.OrderBy(field => field.Name, StringComparer.Ordinal))
        {
            if (field.Name.StartsWith("__", StringComparison.Ordinal) || Arguments(field) is not { } arguments)
            {
                continue;
            }

            var named = field.ResolvedType!.GetNamedType();
            if (named is IComplexGraphType or IAbstractGraphType)
            {
                if (depth <= 1)
                {
                    continue;
                }

                text.Append(' ').Append(field.Name).Append(arguments).Append(' ');
                Record(complex.Name, field.Name);
                Write(text, named, depth - 1);
            }
            else
            {
                text.Append(' ').Append(field.Name).Append(arguments);
                Record(complex.Name, field.Name);
            }
        }

        text.Append(" }");
    }

    private void Record(string typeName, string fieldName)
    {
        if (supergraph.Type(typeName)?.Field(fieldName) is not { } field)
        {
            return;
        }

        foreach (var join in field.JoinFields.Where(join => join.Graph is not null && !join.External))
        {
            Reached.Add((typeName, join.Graph!));
        }
    }

    // "" when no argument is needed, the argument list when every required one can be made up, null otherwise.
    private string? Arguments(FieldType field)
    {
        var required = (field.Arguments ?? []).Where(argument => argument.ResolvedType is NonNullGraphType && argument.DefaultValue is null).ToList();
        if (required.Count == 0)
        {
            return string.Empty;
        }

        var values = new List<string>();
        foreach (var argument in required)
        {
            if (ValueOf(argument) is not { } value)
            {
                return null;
            }

            values.Add(argument.Name + ": " + value);
        }

        return "(" + string.Join(", ", values) + ")";
    }

    private string? ValueOf(QueryArgument argument) => argument.ResolvedType!.GetNamedType() switch
    {
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IInputObjectGraphType => null,
        var scalar when scalar.Name == "DateTime" => Quote(argument.Name == "to"
            ? Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Day.AddDays(-7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        var scalar when scalar.Name == "DateOnly" => Quote(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        var scalar when scalar.Name is "Int" => "2",
        var scalar when scalar.Name is "Float" => "1.5",
        var scalar when scalar.Name is "Boolean" => "true",
        _ => Quote("x"),
    };

    private static string Quote(string text) => "\"" + text + "\"";
}
