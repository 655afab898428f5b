using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Execution;

/// <summary>The request's variables as JSON, with the operation's default values filled in for those not given.</summary>
internal static class VariableValues
{
    public static JsonObject From(JsonElement? provided, GraphQLOperationDefinition operation)
    {
        var variables = provided is { ValueKind: JsonValueKind.Object } element
            ? JsonObject.Create(element)!
            : [];
        if (operation.Variables is null)
        {
            return variables;
        }

        foreach (var definition in operation.Variables.Items)
        {
            var name = definition.Variable.Name.StringValue;
            if (definition.DefaultValue is not null && !variables.ContainsKey(name))
            {
                variables[name] = FromLiteral(definition.DefaultValue);
            }
        }

        return variables;
    }

    /// <summary>Converts a constant GraphQL literal to JSON.</summary>
    public static JsonNode? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLBooleanValue boolean => JsonValue.Create(boolean.BoolValue),
        GraphQLIntValue integer => long.TryParse(integer.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(decimal.Parse(integer.Value.Span, CultureInfo.InvariantCulture)),
        GraphQLFloatValue real => JsonValue.Create(double.Parse(real.Value.Span, CultureInfo.InvariantCulture)),
        GraphQLStringValue text => JsonValue.Create(new string(text.Value.Span)),
        GraphQLEnumValue enumeration => JsonValue.Create(enumeration.Name.StringValue),
        GraphQLListValue list => ToArray(list),
        GraphQLObjectValue obj => ToObject(obj),
        _ => null,
    };

    private static JsonArray ToArray(GraphQLListValue list)
    {
        var array = new JsonArray();
        if (list.Values is not null)
        {
            foreach (var item in list.Values)
            {
                array.Add(FromLiteral(item));
            }
        }

        return array;
    }

    private static JsonObject ToObject(GraphQLObjectValue obj)
    {
        var result = new JsonObject();
        if (obj.Fields is not null)
        {
            foreach (var field in obj.Fields)
            {
                result[field.Name.StringValue] = FromLiteral(field.Value);
            }
        }

        return result;
    }
}
