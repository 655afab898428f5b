namespace UCE.Communications.Data;

/// <summary>Whether a customer wants messages of one topic over one channel.</summary>
public sealed class CommunicationPreference
{
    public required string CustomerId { get; init; }

    public Channel Channel { get; init; }

    public Topic Topic { get; init; }

    public bool OptedIn { get; set; }

    public DateTime UpdatedAt { get; set; }
}
