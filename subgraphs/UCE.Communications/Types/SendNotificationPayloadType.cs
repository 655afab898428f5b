using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>SendNotificationPayload</c>: the queued notification.</summary>
public sealed class SendNotificationPayloadType : ObjectGraphType<Notification>
{
    public SendNotificationPayloadType()
    {
        Name = "SendNotificationPayload";
        Field<NonNullGraphType<NotificationType>>("notification").Resolve(context => context.Source);
    }
}
