using System.Text;

namespace UCE.Gateway.Engine.Planning;

/// <summary>Prints a query plan as indented, stable text (plan snapshots and the explain extension).</summary>
public static class QueryPlanPrinter
{
    private const string Indent = "  ";

    public static string Print(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append("QueryPlan(").Append(plan.Operation.ToString().ToLowerInvariant()).Append(") {\n");
        if (plan.Root is not null)
        {
            PrintNode(plan.Root, 1, text);
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static void PrintNode(PlanNode node, int depth, StringBuilder text)
    {
        var pad = string.Concat(Enumerable.Repeat(Indent, depth));
        switch (node)
        {
            case SequenceNode sequence:
                text.Append(pad).Append("Sequence {\n");
                foreach (var child in sequence.Nodes)
                {
                    PrintNode(child, depth + 1, text);
                }

                text.Append(pad).Append("}\n");
                break;
            case ParallelNode parallel:
                text.Append(pad).Append("Parallel {\n");
                foreach (var child in parallel.Nodes)
                {
                    PrintNode(child, depth + 1, text);
                }

                text.Append(pad).Append("}\n");
                break;
            case FlattenNode flatten:
                text.Append(pad).Append("Flatten(path: \"").Append(string.Join('.', flatten.Path)).Append("\") {\n");
                PrintNode(flatten.Node, depth + 1, text);
                text.Append(pad).Append("}\n");
                break;
            case ConditionNode { IfTrue: not null, IfFalse: null } include:
                // Apollo's names: Include when only the true branch runs something, Skip when only the false one does.
                text.Append(pad).Append("Include(if: $").Append(include.Variable).Append(") {\n");
                PrintNode(include.IfTrue!, depth + 1, text);
                text.Append(pad).Append("}\n");
                break;
            case ConditionNode { IfTrue: null, IfFalse: not null } skip:
                text.Append(pad).Append("Skip(if: $").Append(skip.Variable).Append(") {\n");
                PrintNode(skip.IfFalse!, depth + 1, text);
                text.Append(pad).Append("}\n");
                break;
            case ConditionNode { IfTrue: not null, IfFalse: not null } condition:
                text.Append(pad).Append("Condition(if: $").Append(condition.Variable).Append(") {\n");
                text.Append(pad).Append(Indent).Append("Then {\n");
                PrintNode(condition.IfTrue!, depth + 2, text);
                text.Append(pad).Append(Indent).Append("}\n");
                text.Append(pad).Append(Indent).Append("Else {\n");
                PrintNode(condition.IfFalse!, depth + 2, text);
                text.Append(pad).Append(Indent).Append("}\n");
                text.Append(pad).Append("}\n");
                break;
            case FetchNode fetch:
                PrintFetch(fetch, pad, text);
                break;
            case DeferNode defer:
                text.Append(pad).Append("Defer {\n");
                text.Append(pad).Append(Indent).Append("Primary {\n");
                if (defer.Primary is not null)
                {
                    PrintNode(defer.Primary, depth + 2, text);
                }

                text.Append(pad).Append(Indent).Append("}\n");
                foreach (var deferred in defer.Deferred)
                {
                    text.Append(pad).Append(Indent).Append("Deferred(depends: [").Append(string.Join(", ", deferred.Depends)).Append("], path: \"")
                        .Append(string.Join('.', deferred.Path)).Append('"');
                    if (deferred.Fragment.TypeCondition is { } typeCondition)
                    {
                        text.Append(", on: ").Append(typeCondition);
                    }

                    if (deferred.Label is not null)
                    {
                        text.Append(", label: \"").Append(deferred.Label).Append('"');
                    }

                    text.Append(") {\n");
                    if (deferred.Node is not null)
                    {
                        PrintNode(deferred.Node, depth + 2, text);
                    }

                    text.Append(pad).Append(Indent).Append("}\n");
                }

                text.Append(pad).Append("}\n");
                break;
        }
    }

    private static void PrintFetch(FetchNode fetch, string pad, StringBuilder text)
    {
        text.Append(pad).Append("Fetch(service: \"").Append(fetch.Subgraph).Append('"');
        if (fetch.Id is { } id)
        {
            text.Append(", id: ").Append(id);
        }

        if (fetch.VariableUsages.Count > 0)
        {
            text.Append(", variables: [").Append(string.Join(", ", fetch.VariableUsages)).Append(']');
        }

        text.Append(") {\n");
        var inner = pad + Indent;
        if (fetch.Requires is not null)
        {
            text.Append(inner).Append("requires: ").Append(PrintInputs(fetch.Requires)).Append('\n');
        }

        foreach (var context in fetch.ContextValues)
        {
            text.Append(inner).Append("context: $").Append(context.Variable).Append(" <- ")
                .Append(string.Join('/', Enumerable.Repeat("..", context.Steps).Concat(context.ValuePath))).Append('\n');
        }

        foreach (var rewrite in fetch.InputRewrites)
        {
            text.Append(inner).Append("input rewrite: ").Append(PrintRewrite(rewrite)).Append('\n');
        }

        foreach (var rewrite in fetch.OutputRewrites)
        {
            text.Append(inner).Append("output rewrite: ").Append(PrintRewrite(rewrite)).Append('\n');
        }

        text.Append(inner).Append(fetch.Document).Append('\n');
        text.Append(pad).Append("}\n");
    }

    /// <summary>Prints a representation shape the way a selection set is written.</summary>
    public static string PrintInputs(IReadOnlyList<InputSelection> selections)
    {
        var text = new StringBuilder();
        AppendInputs(selections, text);
        return text.ToString();
    }

    private static void AppendInputs(IReadOnlyList<InputSelection> selections, StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < selections.Count; i++)
        {
            text.Append(i == 0 ? " " : " ");
            switch (selections[i])
            {
                case InputField field:
                    if (field.ResponseName != field.Name)
                    {
                        text.Append(field.Name).Append(" <- ").Append(field.ResponseName);
                    }
                    else
                    {
                        text.Append(field.Name);
                    }

                    if (field.Selections is not null)
                    {
                        text.Append(' ');
                        AppendInputs(field.Selections, text);
                    }

                    break;
                case InputFragment fragment:
                    text.Append("... on ").Append(fragment.TypeCondition).Append(' ');
                    AppendInputs(fragment.Selections, text);
                    break;
            }
        }

        text.Append(" }");
    }

    private static string PrintRewrite(FetchRewrite rewrite) => rewrite switch
    {
        ValueSetter setter => $"[{string.Join(", ", setter.Path)}] = \"{setter.Value}\"",
        KeyRenamer renamer => $"[{string.Join(", ", renamer.Path)}] renamed to {renamer.RenameKeyTo}",
        _ => rewrite.ToString(),
    };
}
