using System.Globalization;
using System.Text;
using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Planning;

/// <summary>The selection set of a subgraph operation being built; fields merge by response name and arguments.</summary>
internal sealed class SubgraphSelectionSet
{
    private Dictionary<string, string>? _responseTypes;

    public SubgraphSelectionSet()
    {
        Scope = this;
    }

    private SubgraphSelectionSet(SubgraphSelectionSet scope)
    {
        Scope = scope;
    }

    public List<SubgraphSelection> Items { get; } = [];

    /// <summary>
    /// The selection set of the field this one belongs to: inline fragments share their field's scope, where
    /// fields with the same response name must have the same type in the subgraph's eyes.
    /// </summary>
    public SubgraphSelectionSet Scope { get; }

    /// <summary>
    /// Records the subgraph type of a response name in the scope; false when the name is already taken by a
    /// field of another type (from a sibling fragment), which the subgraph would reject as a conflict.
    /// </summary>
    public bool TryClaimResponseName(string responseName, string type)
    {
        var types = Scope._responseTypes ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (types.TryGetValue(responseName, out var existing))
        {
            return existing == type;
        }

        types[responseName] = type;
        return true;
    }

    public bool IsEmpty => Items.Count == 0;

    /// <summary>Adds a field or returns the same field already there.</summary>
    public SubgraphField AddField(string? alias, string name, GraphQLArguments? arguments, GraphQLDirectives? directives)
    {
        var signature = SubgraphField.SignatureOf(name, arguments, directives);
        var responseName = alias ?? name;
        foreach (var item in Items)
        {
            if (item is SubgraphField existing && existing.ResponseName == responseName && existing.Signature == signature)
            {
                return existing;
            }
        }

        var field = new SubgraphField(alias == name ? null : alias, name, arguments, directives, signature);
        Items.Add(field);
        return field;
    }

    public SubgraphInlineFragment AddFragment(string? typeCondition, GraphQLDirectives? directives)
    {
        var directivesText = directives is null ? string.Empty : CompactPrinter.Directives(directives);
        foreach (var item in Items)
        {
            if (item is SubgraphInlineFragment existing && existing.TypeCondition == typeCondition && existing.DirectivesText == directivesText)
            {
                return existing;
            }
        }

        var fragment = new SubgraphInlineFragment(typeCondition, directives, directivesText, new SubgraphSelectionSet(Scope));
        Items.Add(fragment);
        return fragment;
    }

    public void Print(StringBuilder text)
    {
        text.Append('{');
        var first = true;
        foreach (var item in Items)
        {
            if (item is SubgraphInlineFragment { Selections.IsEmpty: true })
            {
                continue;
            }

            if (!first)
            {
                text.Append(' ');
            }

            first = false;
            item.Print(text);
        }

        text.Append('}');
    }

    public void CollectVariables(HashSet<string> variables)
    {
        foreach (var item in Items)
        {
            item.CollectVariables(variables);
        }
    }
}

/// <summary>A selection of a subgraph operation.</summary>
internal abstract class SubgraphSelection
{
    public abstract void Print(StringBuilder text);

    public abstract void CollectVariables(HashSet<string> variables);

    protected static void CollectFromDirectives(GraphQLDirectives? directives, HashSet<string> variables)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            foreach (var argument in directive.Arguments?.Items ?? [])
            {
                CompactPrinter.CollectVariables(argument.Value, variables);
            }
        }
    }
}

/// <summary>A field of a subgraph operation.</summary>
internal sealed class SubgraphField : SubgraphSelection
{
    public SubgraphField(string? alias, string name, GraphQLArguments? arguments, GraphQLDirectives? directives, string signature)
    {
        Alias = alias;
        Name = name;
        Arguments = arguments;
        Directives = directives;
        Signature = signature;
    }

    public string? Alias { get; }

    public string Name { get; }

    public GraphQLArguments? Arguments { get; }

    public GraphQLDirectives? Directives { get; }

    public string Signature { get; }

    public string ResponseName => Alias ?? Name;

    /// <summary>The sub-selections, created when the field's type is composite.</summary>
    public SubgraphSelectionSet? Selections { get; set; }

    public SubgraphSelectionSet EnsureSelections() => Selections ??= new SubgraphSelectionSet();

    public static string SignatureOf(string name, GraphQLArguments? arguments, GraphQLDirectives? directives)
    {
        if (arguments is null && directives is null)
        {
            return name;
        }

        var text = new StringBuilder(name);
        if (arguments is not null)
        {
            CompactPrinter.Arguments(arguments, text);
        }

        if (directives is not null)
        {
            text.Append(CompactPrinter.Directives(directives));
        }

        return text.ToString();
    }

    public override void Print(StringBuilder text)
    {
        if (Alias is not null)
        {
            text.Append(Alias).Append(':');
        }

        text.Append(Signature);
        if (Selections is not null)
        {
            if (Selections.IsEmpty)
            {
                text.Append("{__typename}");
            }
            else
            {
                Selections.Print(text);
            }
        }
    }

    public override void CollectVariables(HashSet<string> variables)
    {
        foreach (var argument in Arguments?.Items ?? [])
        {
            CompactPrinter.CollectVariables(argument.Value, variables);
        }

        CollectFromDirectives(Directives, variables);
        Selections?.CollectVariables(variables);
    }
}

/// <summary>An inline fragment of a subgraph operation (a type condition, directives, or both).</summary>
internal sealed class SubgraphInlineFragment : SubgraphSelection
{
    public SubgraphInlineFragment(string? typeCondition, GraphQLDirectives? directives, string directivesText, SubgraphSelectionSet selections)
    {
        TypeCondition = typeCondition;
        Directives = directives;
        DirectivesText = directivesText;
        Selections = selections;
    }

    public string? TypeCondition { get; }

    public GraphQLDirectives? Directives { get; }

    public string DirectivesText { get; }

    public SubgraphSelectionSet Selections { get; }

    public override void Print(StringBuilder text)
    {
        text.Append("...");
        if (TypeCondition is not null)
        {
            text.Append("on ").Append(TypeCondition);
        }

        text.Append(DirectivesText);
        Selections.Print(text);
    }

    public override void CollectVariables(HashSet<string> variables)
    {
        CollectFromDirectives(Directives, variables);
        Selections.CollectVariables(variables);
    }
}

/// <summary>Prints values, arguments and directives without insignificant whitespace.</summary>
internal static class CompactPrinter
{
    public static void Arguments(GraphQLArguments arguments, StringBuilder text)
    {
        text.Append('(');
        for (var i = 0; i < arguments.Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(arguments.Items[i].Name.StringValue).Append(':');
            Value(arguments.Items[i].Value, text);
        }

        text.Append(')');
    }

    public static string Directives(GraphQLDirectives directives)
    {
        var text = new StringBuilder();
        foreach (var directive in directives.Items)
        {
            text.Append('@').Append(directive.Name.StringValue);
            if (directive.Arguments is { Items.Count: > 0 } arguments)
            {
                Arguments(arguments, text);
            }
        }

        return text.ToString();
    }

    public static void Type(GraphQLType type, StringBuilder text)
    {
        switch (type)
        {
            case GraphQLNamedType named:
                text.Append(named.Name.StringValue);
                break;
            case GraphQLListType list:
                text.Append('[');
                Type(list.Type, text);
                text.Append(']');
                break;
            case GraphQLNonNullType nonNull:
                Type(nonNull.Type, text);
                text.Append('!');
                break;
        }
    }

    public static void Value(GraphQLValue value, StringBuilder text)
    {
        switch (value)
        {
            case GraphQLVariable variable:
                text.Append('$').Append(variable.Name.StringValue);
                break;
            case GraphQLIntValue i:
                text.Append(i.Value.Span);
                break;
            case GraphQLFloatValue f:
                text.Append(f.Value.Span);
                break;
            case GraphQLStringValue s:
                String(s.Value.ToString(), text);
                break;
            case GraphQLBooleanValue b:
                text.Append(b.BoolValue ? "true" : "false");
                break;
            case GraphQLNullValue:
                text.Append("null");
                break;
            case GraphQLEnumValue e:
                text.Append(e.Name.StringValue);
                break;
            case GraphQLListValue list:
                text.Append('[');
                for (var i = 0; i < (list.Values?.Count ?? 0); i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Value(list.Values![i], text);
                }

                text.Append(']');
                break;
            case GraphQLObjectValue obj:
                text.Append('{');
                for (var i = 0; i < (obj.Fields?.Count ?? 0); i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(obj.Fields![i].Name.StringValue).Append(':');
                    Value(obj.Fields[i].Value, text);
                }

                text.Append('}');
                break;
        }
    }

    public static void CollectVariables(GraphQLValue value, HashSet<string> variables)
    {
        switch (value)
        {
            case GraphQLVariable variable:
                variables.Add(variable.Name.StringValue);
                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    CollectVariables(item, variables);
                }

                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? [])
                {
                    CollectVariables(field.Value, variables);
                }

                break;
        }
    }

    private static void String(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
