namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// One entry of a durable stream as a consumer receives it: its stream id (<c>1733050000000-0</c>), its fields, and
/// how many times it has been delivered to the group (1 on first delivery, more once it has been claimed over).
/// </summary>
public sealed record StreamEntry(string Id, IReadOnlyDictionary<string, string> Fields, int DeliveryCount = 1)
{
    /// <summary>The value of <paramref name="name"/>, or null when the entry has no such field.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;
}
