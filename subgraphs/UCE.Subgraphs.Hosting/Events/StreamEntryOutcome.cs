namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// What a handler made of a stream entry. Applied, duplicate and rejected entries are acknowledged (a rejected one is
/// dead-lettered first); an entry to retry stays pending and comes back after the claim idle time, until its last delivery.
/// </summary>
public sealed record StreamEntryOutcome(StreamEntryOutcomeKind Kind, string? Reason = null)
{
    public static StreamEntryOutcome Applied { get; } = new(StreamEntryOutcomeKind.Applied);

    /// <summary>The entry was applied before (a redelivery); nothing changed.</summary>
    public static StreamEntryOutcome Duplicate { get; } = new(StreamEntryOutcomeKind.Duplicate);

    /// <summary>The entry can never be applied (malformed, refers to nothing, breaks a rule); <paramref name="reason"/> goes to the dead-letter stream.</summary>
    public static StreamEntryOutcome Rejected(string reason) => new(StreamEntryOutcomeKind.Rejected, reason);

    /// <summary>
    /// The entry cannot be applied yet (it refers to something another consumer may still be writing); it is tried again
    /// after the claim idle time and dead-lettered with <paramref name="reason"/> after its last delivery.
    /// </summary>
    public static StreamEntryOutcome Retry(string reason) => new(StreamEntryOutcomeKind.Retry, reason);
}

/// <summary>The kinds of <see cref="StreamEntryOutcome"/>.</summary>
public enum StreamEntryOutcomeKind
{
    Applied,
    Duplicate,
    Rejected,
    Retry,
}
