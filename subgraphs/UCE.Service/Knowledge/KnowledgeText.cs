using UCE.Service.Knowledge.Search;

namespace UCE.Service.Knowledge;

/// <summary>Authored text as it is stored: without the highlight markers and control characters other than line breaks and tabs.</summary>
internal static class KnowledgeText
{
    public static string Clean(string text)
    {
        var withoutMarkers = KnowledgeHighlight.WithoutMarkers(text);
        return withoutMarkers.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? new string([.. withoutMarkers.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')])
            : withoutMarkers;
    }
}
