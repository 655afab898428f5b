namespace UCE.Service.Knowledge;

/// <summary>How many readers found an article helpful and not helpful (all versions).</summary>
public sealed record KnowledgeFeedbackCounts(int Helpful, int NotHelpful)
{
    public static KnowledgeFeedbackCounts None { get; } = new(0, 0);
}
