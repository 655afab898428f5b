using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>
/// A Boolean variable a selection depends on: <c>@include(if: $v)</c> is needed when <c>$v</c> is true,
/// <c>@skip(if: $v)</c> when it is false. Literal conditions are decided while planning and never become one.
/// </summary>
internal readonly record struct PlanCondition(string Variable, bool NeededWhen)
{
    /// <summary><paramref name="conditions"/> and those the directives add, without repeats.</summary>
    public static IReadOnlyList<PlanCondition> With(IReadOnlyList<PlanCondition> conditions, GraphQLDirectives? directives)
    {
        if (directives is null)
        {
            return conditions;
        }

        List<PlanCondition>? result = null;
        foreach (var directive in directives.Items)
        {
            if (IfArgument(directive) is GraphQLVariable variable)
            {
                var condition = new PlanCondition(variable.Name.StringValue, directive.Name.StringValue == "include");
                if (!conditions.Contains(condition) && result?.Contains(condition) != true)
                {
                    result ??= [.. conditions];
                    result.Add(condition);
                }
            }
        }

        return result ?? conditions;
    }

    /// <summary>True for <c>@skip(if: true)</c> or <c>@include(if: false)</c>: the selection is not part of the operation.</summary>
    public static bool ExcludesLiterally(GraphQLDirectives? directives)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            if (IfArgument(directive) is GraphQLBooleanValue literal && literal.BoolValue == (directive.Name.StringValue == "skip"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for <c>@skip</c>/<c>@include</c> with a literal argument: decided at plan time, never sent to a subgraph.</summary>
    public static bool IsLiteral(GraphQLDirective directive) => IfArgument(directive) is GraphQLBooleanValue;

    /// <summary>The conditions both lists hold (a fetch reused under other conditions is needed whenever any of its users is).</summary>
    public static IReadOnlyList<PlanCondition> Common(IReadOnlyList<PlanCondition> first, IReadOnlyList<PlanCondition> second) =>
        first.Count == 0 || second.Count == 0 ? [] : first.Where(second.Contains).ToList();

    private static GraphQLValue? IfArgument(GraphQLDirective directive)
    {
        if (directive.Name.StringValue is not ("skip" or "include") || directive.Arguments is null)
        {
            return null;
        }

        foreach (var argument in directive.Arguments.Items)
        {
            if (argument.Name.StringValue == "if")
            {
                return argument.Value;
            }
        }

        return null;
    }
}
