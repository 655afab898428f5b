namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>One field of a <c>@key</c>, <c>@requires</c> or <c>@provides</c> selection, with its sub-selection.</summary>
internal sealed record FieldSelection(string Name, IReadOnlyList<FieldSelection> Selections, bool HasArguments);

/// <summary>Parses the field sets federation directives carry (<c>"id region { code }"</c>).</summary>
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
                var close = text.IndexOf(')', position);
                if (close < 0)
                {
                    return null;
                }

                position = close + 1;
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
