using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL enum <c>NotificationStatus</c>: QUEUED, DEFERRED, SENT, FAILED.</summary>
public sealed class NotificationStatusType : EnumerationGraphType<NotificationStatus>
{
    public NotificationStatusType()
    {
        Name = "NotificationStatus";
        Description = "Where a notification is in the outbox.";
    }
}
