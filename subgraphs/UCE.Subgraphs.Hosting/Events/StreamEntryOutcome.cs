namespace UCE.Subgraphs.Hosting.Events;

/// <summary>What a handler made of a stream entry. Every outcome is acknowledged; a rejected entry is dead-lettered first.</summary>
public sealed record StreamEntryOutcome(StreamEntryOutcomeKind Kind, string? Reason = null)
{
    public static StreamEntryOutcome Applied { get; } = new(StreamEntryOutcomeKind.Applied);

    /// <summary>The entry was applied before (a redelivery); nothing changed.</summary>
    public static StreamEntryOutcome Duplicate { get; } = new(StreamEntryOutcomeKind.Duplicate);

    /// <summary>The entry can never be applied (malformed, refers to nothing, breaks a rule); <paramref name="reason"/> goes to the dead-letter stream.</summary>
    public static StreamEntryOutcome Rejected(string reason) => new(StreamEntryOutcomeKind.Rejected, reason);
}

/// <summary>The kinds of <see cref="StreamEntryOutcome"/>.</summary>
public enum StreamEntryOutcomeKind
{
    Applied,
    Duplicate,
    Rejected,
}
