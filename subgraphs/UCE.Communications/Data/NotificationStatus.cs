namespace UCE.Communications.Data;

/// <summary>Where a notification is in the outbox: waiting, handed to the channel provider, or refused by it.</summary>
public enum NotificationStatus
{
    Queued,
    Sent,
    Failed,
}
