using System.Globalization;
using System.Text;
using GraphQLParser.AST;

namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>Prints GraphQL values and directive applications the way graphql-js prints them.</summary>
internal static class ValuePrinter
{
    public static string Print(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => Quote(s.Value.ToString()),
        GraphQLIntValue i => i.Value.ToString(),
        GraphQLFloatValue f => f.Value.ToString(),
        GraphQLBooleanValue b => b.BoolValue ? "true" : "false",
        GraphQLNullValue => "null",
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLVariable v => "$" + v.Name.StringValue,
        GraphQLListValue l => "[" + string.Join(", ", (l.Values ?? []).Select(Print)) + "]",
        GraphQLObjectValue o => "{" + string.Join(", ", (o.Fields ?? []).Select(f => f.Name.StringValue + ": " + Print(f.Value))) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string PrintDirective(GraphQLDirective directive, string name)
    {
        var arguments = directive.Arguments?.Items ?? [];
        return arguments.Count == 0
            ? "@" + name
            : "@" + name + "(" + string.Join(", ", arguments.Select(a => a.Name.StringValue + ": " + Print(a.Value))) + ")";
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
