using System.Text.RegularExpressions;

namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>The <c>field</c> of a @fromContext: <c>"$billingContext { currency }"</c> is the context and the selection after it.</summary>
internal sealed partial record ContextReference(string Context, string Selection)
{
    /// <summary>Apollo's parseContext: the selection keeps its leading space, as the supergraph prints it.</summary>
    public static ContextReference? Parse(string field)
    {
        var match = Pattern().Match(field);
        return match.Success && match.Groups[2].Value.Length > 0 ? new ContextReference(match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    [GeneratedRegex(@"^(?:[\n\r\t ,]|#[^\n\r]*(?![^\n\r]))*\$(?:[\n\r\t ,]|#[^\n\r]*(?![^\n\r]))*([A-Za-z_]\w*(?!\w))([\s\S]*)$")]
    private static partial Regex Pattern();
}
