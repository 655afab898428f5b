namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>
/// One selection of a <c>@key</c>, <c>@requires</c> or <c>@provides</c> field set: a field with its
/// sub-selection, or an inline fragment (<see cref="TypeCondition"/> set, <see cref="Name"/> empty).
/// </summary>
internal sealed record FieldSelection(string Name, IReadOnlyList<FieldSelection> Selections, bool HasArguments, string? TypeCondition = null)
{
    public bool IsFragment => TypeCondition is not null;
}

/// <summary>Parses the field sets federation directives carry (<c>"id region { code }"</c>, <c>"address { ... on RuralAddress { gridSquare } }"</c>).</summary>
internal static class FieldSet
{
    /// <summary>The selections, or null when the text is not a valid selection set.</summary>
    public static IReadOnlyList<FieldSelection>? TryParse(string text)
    {
        var position = 0;
        var result = ParseSelections(text, ref position, nested: false);
        SkipSpace(text, ref position);
        return result is null || position != text.Length || result.Count == 0 ? null : result;
    }

    /// <summary>The field selections of a level with its inline fragments' selections flattened in (for checks that ignore type conditions).</summary>
    public static IEnumerable<FieldSelection> Fields(IReadOnlyList<FieldSelection> selections) =>
        selections.SelectMany(s => s.IsFragment ? Fields(s.Selections) : [s]);

    private static List<FieldSelection>? ParseSelections(string text, ref int position, bool nested)
    {
        var selections = new List<FieldSelection>();
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length)
            {
                return nested ? null : selections;
            }

            if (text[position] == '}')
            {
                if (!nested)
                {
                    return null;
                }

                position++;
                return selections;
            }

            if (text.AsSpan(position).StartsWith("..."))
            {
                var fragment = ParseInlineFragment(text, ref position);
                if (fragment is null)
                {
                    return null;
                }

                selections.Add(fragment);
                continue;
            }

            var name = ReadName(text, ref position);
            if (name is null)
            {
                return null;
            }

            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ':')
            {
                // An alias is not allowed in a field set.
                return null;
            }

            var hasArguments = false;
            if (position < text.Length && text[position] == '(')
            {
                hasArguments = true;
                if (!SkipArguments(text, ref position))
                {
                    return null;
                }

                SkipSpace(text, ref position);
            }

            IReadOnlyList<FieldSelection> children = [];
            if (position < text.Length && text[position] == '{')
            {
                position++;
                var inner = ParseSelections(text, ref position, nested: true);
                if (inner is null || inner.Count == 0)
                {
                    return null;
                }

                children = inner;
            }

            selections.Add(new FieldSelection(name, children, hasArguments));
        }
    }

    /// <summary><c>... on Type { selections }</c>; a fragment without a type condition applies to the enclosing type (empty condition).</summary>
    private static FieldSelection? ParseInlineFragment(string text, ref int position)
    {
        position += 3;
        SkipSpace(text, ref position);
        var condition = "";
        if (text.AsSpan(position).StartsWith("on") && position + 2 < text.Length && !(char.IsAsciiLetterOrDigit(text[position + 2]) || text[position + 2] == '_'))
        {
            position += 2;
            SkipSpace(text, ref position);
            condition = ReadName(text, ref position);
            if (condition is null)
            {
                return null;
            }

            SkipSpace(text, ref position);
        }

        if (position >= text.Length || text[position] != '{')
        {
            return null;
        }

        position++;
        var inner = ParseSelections(text, ref position, nested: true);
        return inner is null || inner.Count == 0 ? null : new FieldSelection("", inner, false, condition);
    }

    /// <summary>Skips a parenthesized argument list, strings and nested lists or objects included.</summary>
    private static bool SkipArguments(string text, ref int position)
    {
        var depth = 0;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                while (position < text.Length && text[position] != '"')
                {
                    position += text[position] == '\\' ? 2 : 1;
                }
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    position++;
                    return c == ')';
                }
            }
        }

        return false;
    }

    private static string? ReadName(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        return position == start || char.IsAsciiDigit(text[start]) ? null : text[start..position];
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] == ','))
        {
            position++;
        }
    }
}
