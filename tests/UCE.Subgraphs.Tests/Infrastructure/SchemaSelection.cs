using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// Writes, from a subgraph's own schema, a selection of every field reachable from a type down to a depth: every leaf and
/// every object and list of objects, so that executing it runs every resolver and data loader on the way. Required
/// arguments get values by type (<c>from</c>/<c>to</c> a week before <paramref name="day"/>); fields whose required
/// arguments cannot be made up (input objects) are left out.
/// </summary>
public sealed class SchemaSelection(ISchema schema, DateOnly day)
{
    /// <summary>
    /// The selection set (with braces) of <paramref name="typeName"/> to <paramref name="depth"/> levels. Federation's
    /// <c>@external</c> fields and the <c>@requires</c> fields that need them are selected only at the top with
    /// <paramref name="representation"/> (an <c>_entities</c> selection whose representations carry them).
    /// </summary>
    public string Select(string typeName, int depth, bool representation = false)
    {
        var text = new StringBuilder();
        Write(text, schema.AllTypes[typeName] ?? throw new ArgumentException($"No type {typeName}.", nameof(typeName)), depth, representation);
        return text.ToString();
    }

    private static bool NeedsRepresentation(FieldType field) =>
        field.GetAppliedDirectives() is { } directives && (directives.Find("external") is not null || directives.Find("requires") is not null);

    private void Write(StringBuilder text, IGraphType type, int depth, bool representation = false)
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

        foreach (var field in ((IComplexGraphType)type).Fields.OrderBy(field => field.Name, StringComparer.Ordinal))
        {
            if (field.Name.StartsWith('_') || Arguments(field) is not { } arguments || (!representation && NeedsRepresentation(field)))
            {
                continue;
            }

            var named = field.ResolvedType!.GetNamedType();
            if (named is IComplexGraphType or IAbstractGraphType)
            {
                if (depth > 1)
                {
                    text.Append(' ').Append(field.Name).Append(arguments).Append(' ');
                    Write(text, named, depth - 1);
                }
            }
            else
            {
                text.Append(' ').Append(field.Name).Append(arguments);
            }
        }

        text.Append(" }");
    }

    // "" when no argument is needed, the argument list when every required one can be made up, null otherwise.
    private string? Arguments(FieldType field)
    {
        var required = (field.Arguments ?? []).Where(argument => argument.ResolvedType is NonNullGraphType && argument.DefaultValue is null).ToList();
        var values = new List<string>();
        foreach (var argument in required)
        {
            if (ValueOf(argument) is not { } value)
            {
                return null;
            }

            values.Add(argument.Name + ": " + value);
        }

        return values.Count == 0 ? string.Empty : "(" + string.Join(", ", values) + ")";
    }

    private string? ValueOf(QueryArgument argument) => argument.ResolvedType!.GetNamedType() switch
    {
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IInputObjectGraphType => null,
        var scalar when scalar.Name == "DateTime" => Quote((argument.Name == "to" ? day : day.AddDays(-7))
            .ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        var scalar when scalar.Name == "DateOnly" => Quote(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        var scalar when scalar.Name is "Int" => "2",
        var scalar when scalar.Name is "Float" => "1.5",
        var scalar when scalar.Name is "Boolean" => "true",
        _ => Quote("x"),
    };

    private static string Quote(string text) => "\"" + text + "\"";
}
