namespace UCE.Communications.Data;

/// <summary>
/// Where a notification is in the outbox: waiting for the dispatcher (again, after a failed attempt), held until the
/// recipient's quiet hours end, handed to the channel provider, or given up on.
/// </summary>
public enum NotificationStatus
{
    Queued,
    Deferred,
    Sent,
    Failed,
}
