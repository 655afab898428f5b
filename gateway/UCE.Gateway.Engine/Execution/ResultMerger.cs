using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>Deep-merges fetched objects into the data already fetched.</summary>
internal static class ResultMerger
{
    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/>. Without <paramref name="cloneSource"/> the source's
    /// nodes are moved (the source is emptied); with it they are copied, for a source merged into several targets.
    /// </summary>
    public static void MergeInto(JsonObject target, JsonObject source, bool cloneSource)
    {
        if (cloneSource)
        {
            foreach (var (name, value) in source)
            {
                MergeProperty(target, name, value, cloneSource: true);
            }

            return;
        }

        var properties = source.ToArray();
        source.Clear();
        foreach (var (name, value) in properties)
        {
            MergeProperty(target, name, value, cloneSource: false);
        }
    }

    private static void MergeProperty(JsonObject target, string name, JsonNode? value, bool cloneSource)
    {
        if (value is not null && target.TryGetPropertyValue(name, out var existing) && existing is not null)
        {
            if (existing is JsonObject existingObject && value is JsonObject valueObject)
            {
                MergeInto(existingObject, valueObject, cloneSource);
                return;
            }

            if (existing is JsonArray existingArray && value is JsonArray valueArray && existingArray.Count == valueArray.Count)
            {
                MergeArrays(existingArray, valueArray, cloneSource);
                return;
            }
        }

        target[name] = cloneSource ? value?.DeepClone() : value;
    }

    private static void MergeArrays(JsonArray target, JsonArray source, bool cloneSource)
    {
        JsonNode?[] items;
        if (cloneSource)
        {
            items = source.ToArray();
        }
        else
        {
            items = source.ToArray();
            source.Clear();
        }

        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var existing = target[i];
            if (existing is JsonObject existingObject && item is JsonObject itemObject)
            {
                MergeInto(existingObject, itemObject, cloneSource);
            }
            else if (existing is JsonArray existingArray && item is JsonArray itemArray && existingArray.Count == itemArray.Count)
            {
                MergeArrays(existingArray, itemArray, cloneSource);
            }
            else if (item is not null || existing is null)
            {
                target[i] = cloneSource ? item?.DeepClone() : item;
            }
        }
    }
}
