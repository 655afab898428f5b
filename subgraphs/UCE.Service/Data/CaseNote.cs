namespace UCE.Service.Data;

/// <summary>A note on a case, written by an agent or the customer; internal notes are never shown to customers.</summary>
public sealed class CaseNote
{
    public required string Id { get; init; }

    public required string CaseId { get; init; }

    /// <summary>The case's customer, kept on the note so that its access rule needs no lookup.</summary>
    public required string CustomerId { get; init; }

    public required string Body { get; init; }

    public CaseNoteVisibility Visibility { get; init; }

    /// <summary>The subject that wrote the note, when known.</summary>
    public string? Author { get; init; }

    /// <summary>True when the case's customer wrote it, false when staff did.</summary>
    public bool ByCustomer { get; init; }

    public DateTime CreatedAt { get; init; }
}
