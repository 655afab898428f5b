namespace UCE.Communications.Data;

/// <summary>The wording of one kind of message on one channel, with <c>{{placeholders}}</c> filled at send time.</summary>
public sealed class MessageTemplate
{
    public required string Id { get; init; }

    public Channel Channel { get; init; }

    public Topic Topic { get; init; }

    /// <summary>The email subject (itself a template); null on channels without subjects.</summary>
    public string? Subject { get; init; }

    public required string Body { get; init; }
}
