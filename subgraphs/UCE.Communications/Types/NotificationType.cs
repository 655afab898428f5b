using GraphQL.Types;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>Notification</c>: a rendered message in the outbox.</summary>
public sealed class NotificationType : ObjectGraphType<Notification>
{
    public NotificationType()
    {
        Name = "Notification";
        Description = "A rendered message in the outbox: queued, then sent or failed.";
        this.Authorize(Access.CustomerData<Notification>(notification => notification.CustomerId));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<CommunicationChannelType>>("channel").Resolve(context => context.Source.Channel);
        Field<NonNullGraphType<CommunicationTopicType>>("topic").Resolve(context => context.Source.Topic);
        Field<NonNullGraphType<StringGraphType>>("templateId").Resolve(context => context.Source.TemplateId);
        Field<StringGraphType>("subject").Resolve(context => context.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(context => context.Source.Body);
        Field<NonNullGraphType<NotificationStatusType>>("status").Resolve(context => context.Source.Status);
        Field<NonNullGraphType<DateTimeGraphType>>("queuedAt").Resolve(context => context.Source.QueuedAt);
        Field<DateTimeGraphType>("sentAt").Resolve(context => context.Source.SentAt);
        Field<StringGraphType>("failureReason").Resolve(context => context.Source.FailureReason);
    }
}
