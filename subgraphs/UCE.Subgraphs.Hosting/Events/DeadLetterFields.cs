namespace UCE.Subgraphs.Hosting.Events;

/// <summary>The fields a dead-lettered entry carries besides its original ones.</summary>
public static class DeadLetterFields
{
    /// <summary>Why the entry was rejected.</summary>
    public const string Reason = "dead.reason";

    /// <summary>The stream it came from.</summary>
    public const string Stream = "dead.stream";

    /// <summary>Its id in that stream.</summary>
    public const string Id = "dead.id";

    /// <summary>The consumer that rejected it.</summary>
    public const string Consumer = "dead.consumer";

    /// <summary>When it was rejected (ISO 8601, UTC).</summary>
    public const string At = "dead.at";
}
