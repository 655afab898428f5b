namespace UCE.Communications.Data;

/// <summary>A rendered message in the outbox: queued for its channel, then sent or failed.</summary>
public sealed class Notification
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public Channel Channel { get; init; }

    public Topic Topic { get; init; }

    public required string TemplateId { get; init; }

    public string? Subject { get; init; }

    public required string Body { get; init; }

    public NotificationStatus Status { get; private set; }

    public DateTime QueuedAt { get; init; }

    public DateTime? SentAt { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>The channel provider accepted the message.</summary>
    public void MarkSent(DateTime at)
    {
        EnsureQueued();
        Status = NotificationStatus.Sent;
        SentAt = at;
    }

    /// <summary>The channel provider refused the message.</summary>
    public void MarkFailed(string reason)
    {
        EnsureQueued();
        Status = NotificationStatus.Failed;
        FailureReason = reason;
    }

    private void EnsureQueued()
    {
        if (Status != NotificationStatus.Queued)
        {
            throw new InvalidOperationException($"Notification {Id} is {Status}, no longer queued.");
        }
    }
}
