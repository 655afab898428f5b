using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>A <c>@defer</c>red fragment while the plan is being built: where it sits and the fetches planned for it.</summary>
internal sealed class DeferBlock
{
    public DeferBlock(int id, string? label, IReadOnlyList<string> path, string parentType, DeferredFragment fragment, DeferBlock? parent)
    {
        Id = id;
        Label = label;
        Path = path;
        ParentType = parentType;
        Fragment = fragment;
        Parent = parent;
    }

    public int Id { get; }

    public string? Label { get; }

    /// <summary>The response path of the objects the fragment applies to (<c>@</c> for list elements).</summary>
    public IReadOnlyList<string> Path { get; }

    public string ParentType { get; }

    public DeferredFragment Fragment { get; }

    /// <summary>The deferred fragment this one is nested in; <c>null</c> below the primary part.</summary>
    public DeferBlock? Parent { get; }

    /// <summary>
    /// The <c>@defer</c> of a fragment's directives: <c>null</c> when there is none or <c>if</c> is false (literally, or by
    /// the variable values this plan assumes), else its label.
    /// </summary>
    public static (bool Deferred, string? Label) Of(GraphQLDirectives? directives, IReadOnlyDictionary<string, bool> assumed)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            if (directive.Name.StringValue != "defer")
            {
                continue;
            }

            string? label = null;
            var enabled = true;
            foreach (var argument in directive.Arguments?.Items ?? [])
            {
                switch (argument.Name.StringValue, argument.Value)
                {
                    case ("label", GraphQLStringValue text):
                        label = text.Value.ToString();
                        break;
                    case ("if", GraphQLBooleanValue literal):
                        enabled = literal.BoolValue;
                        break;
                    case ("if", GraphQLVariable variable):
                        enabled = assumed.TryGetValue(variable.Name.StringValue, out var value) && value;
                        break;
                }
            }

            return (enabled, label);
        }

        return (false, null);
    }

    /// <summary>The variables that decide some <c>@defer(if: $v)</c> of the selections.</summary>
    public static void CollectIfVariables(IReadOnlyList<ClientSelection> selections, SortedSet<string> variables)
    {
        foreach (var selection in selections)
        {
            var (directives, children) = selection switch
            {
                ClientField field => (field.Directives, field.Children),
                ClientFragment fragment => (fragment.Directives, fragment.Children),
                _ => (null, null),
            };
            foreach (var directive in directives?.Items ?? [])
            {
                if (directive.Name.StringValue == "defer")
                {
                    foreach (var argument in directive.Arguments?.Items ?? [])
                    {
                        if (argument is { Name.StringValue: "if", Value: GraphQLVariable variable })
                        {
                            variables.Add(variable.Name.StringValue);
                        }
                    }
                }
            }

            if (children is not null)
            {
                CollectIfVariables(children, variables);
            }
        }
    }
}
