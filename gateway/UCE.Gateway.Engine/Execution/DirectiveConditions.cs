using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Execution;

/// <summary>Evaluates <c>@skip</c> and <c>@include</c> against the request's variables.</summary>
internal static class DirectiveConditions
{
    public static bool IsIncluded(GraphQLDirectives? directives, JsonObject variables)
    {
        if (directives is null)
        {
            return true;
        }

        foreach (var directive in directives.Items)
        {
            var name = directive.Name.StringValue;
            if (name == "skip" && Condition(directive, variables))
            {
                return false;
            }

            if (name == "include" && !Condition(directive, variables))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the directives hold a <c>@defer</c> whose <c>if</c> (true when absent) is true.</summary>
    public static bool IsDeferred(GraphQLDirectives? directives, JsonObject variables)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            if (directive.Name.StringValue == "defer")
            {
                return directive.Arguments?.Items.Any(a => a.Name.StringValue == "if") != true || Condition(directive, variables);
            }
        }

        return false;
    }

    private static bool Condition(GraphQLDirective directive, JsonObject variables)
    {
        if (directive.Arguments is null)
        {
            return false;
        }

        foreach (var argument in directive.Arguments.Items)
        {
            if (argument.Name.StringValue != "if")
            {
                continue;
            }

            return argument.Value switch
            {
                GraphQLBooleanValue boolean => boolean.BoolValue,
                GraphQLVariable variable => variables.TryGetPropertyValue(variable.Name.StringValue, out var value)
                    && value is JsonValue v && v.GetValueKind() == JsonValueKind.True,
                _ => false,
            };
        }

        return false;
    }
}
