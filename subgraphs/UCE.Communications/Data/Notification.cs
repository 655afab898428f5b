namespace UCE.Communications.Data;

/// <summary>
/// A rendered message in the outbox: queued for its channel, then sent, deferred past the recipient's quiet hours, tried
/// again after a failure, or failed. A message raised by an event carries the event's id: the outbox holds at most one per
/// event, customer and channel.
/// </summary>
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

    /// <summary>Why it failed; while it is queued again after a passing failure, why the last attempt failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The event that raised it (an outage change, a high-usage event); null for messages sent by hand.</summary>
    public string? SourceEventId { get; init; }

    /// <summary>Sent during the recipient's quiet hours too (an outage affecting them now), unless they asked otherwise.</summary>
    public bool Urgent { get; init; }

    /// <summary>How many times a provider was asked to deliver it.</summary>
    public int Attempts { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>Not sent before this instant: after a failed attempt (backoff), or when the recipient's quiet hours end (deferred).</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>The dispatcher pass that holds it (a concurrency token: a pass that lost it writes nothing); null when none does.</summary>
    public string? ClaimToken { get; private set; }

    /// <summary>Until when that pass holds it; afterwards another pass may take it (the first one died).</summary>
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>True while the dispatcher still has to deliver it.</summary>
    public bool IsPending => Status is NotificationStatus.Queued or NotificationStatus.Deferred;

    /// <summary>The channel provider accepted the message.</summary>
    public void MarkSent(DateTime at)
    {
        EnsurePending();
        Status = NotificationStatus.Sent;
        SentAt = at;
        NextAttemptAt = null;
        FailureReason = null;
        Release();
    }

    /// <summary>The message cannot be delivered: the provider refused it, or it kept failing.</summary>
    public void MarkFailed(string reason)
    {
        EnsurePending();
        Status = NotificationStatus.Failed;
        FailureReason = reason;
        NextAttemptAt = null;
        Release();
    }

    /// <summary>Held until <paramref name="until"/>, the end of the recipient's quiet hours.</summary>
    public void Defer(DateTime until)
    {
        EnsurePending();
        Status = NotificationStatus.Deferred;
        NextAttemptAt = until;
        Release();
    }

    /// <summary>Counts an attempt at <paramref name="at"/>.</summary>
    public void RecordAttempt(DateTime at)
    {
        EnsurePending();
        Attempts++;
        LastAttemptAt = at;
    }

    /// <summary>The last attempt failed for a passing reason: queued again, not before <paramref name="at"/>.</summary>
    public void RetryAt(DateTime at, string reason)
    {
        EnsurePending();
        Status = NotificationStatus.Queued;
        NextAttemptAt = at;
        FailureReason = reason;
        Release();
    }

    /// <summary>Gives the notification back to the outbox unchanged, for another pass to take.</summary>
    public void ReleaseClaim() => Release();

    private void Release()
    {
        ClaimToken = null;
        ClaimedUntil = null;
    }

    private void EnsurePending()
    {
        if (!IsPending)
        {
            throw new InvalidOperationException($"Notification {Id} is {Status}, no longer pending.");
        }
    }
}
