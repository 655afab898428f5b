namespace UCE.Service.Data;

/// <summary>
/// The customer's answer to the survey offered when their case closed: one per case, a score from 0 to 10 (it serves
/// both NPS and CSAT) and an optional comment.
/// </summary>
public sealed class CaseSurvey
{
    public const int MinScore = 0;

    public const int MaxScore = 10;

    public required string CaseId { get; init; }

    public required string CustomerId { get; init; }

    public int Score { get; init; }

    public string? Comment { get; init; }

    public DateTime SubmittedAt { get; init; }
}
