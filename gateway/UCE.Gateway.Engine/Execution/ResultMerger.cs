namespace UCE.Gateway.Engine.Execution;

/// <summary>Deep-merges fetched objects into the data already fetched.</summary>
internal static class ResultMerger
{
    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/>. Without <paramref name="copySource"/> the source's
    /// objects are taken over; with it they are copied, for a source merged into several targets.
    /// </summary>
    public static void MergeInto(DataObject target, DataObject source, bool copySource)
    {
        for (var i = 0; i < source.Count; i++)
        {
            var name = source.NameAt(i);
            var value = source.ValueAt(i);
            if (value is not null && target.TryGetValue(name, out var existing) && existing is not null)
            {
                if (existing is DataObject existingObject && value is DataObject valueObject)
                {
                    MergeInto(existingObject, valueObject, copySource);
                    continue;
                }

                if (existing is object?[] existingList && value is object?[] valueList && existingList.Length == valueList.Length)
                {
                    MergeLists(existingList, valueList, copySource);
                    continue;
                }
            }

            target.Set(name, copySource ? DataObject.Copy(value) : value);
        }
    }

    private static void MergeLists(object?[] target, object?[] source, bool copySource)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var item = source[i];
            var existing = target[i];
            if (existing is DataObject existingObject && item is DataObject itemObject)
            {
                MergeInto(existingObject, itemObject, copySource);
            }
            else if (existing is object?[] existingList && item is object?[] itemList && existingList.Length == itemList.Length)
            {
                MergeLists(existingList, itemList, copySource);
            }
            else if (item is not null || existing is null)
            {
                target[i] = copySource ? DataObject.Copy(item) : item;
            }
        }
    }
}
