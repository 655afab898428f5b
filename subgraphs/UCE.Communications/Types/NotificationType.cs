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
        Description = "A rendered message in the outbox: queued, then sent, deferred past quiet hours, tried again after a failure, or failed.";
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
        Field<StringGraphType>("failureReason")
            .Description("Why it failed; while it is queued again after a failure that may pass, why the last attempt failed.")
            .Resolve(context => context.Source.FailureReason);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("How many times a provider was asked to deliver it.").Resolve(context => context.Source.Attempts);
        Field<DateTimeGraphType>("lastAttemptAt").Resolve(context => context.Source.LastAttemptAt);
        Field<DateTimeGraphType>("nextAttemptAt")
            .Description("Not sent before: the end of the customer's quiet hours (DEFERRED), or the next attempt after a failure (QUEUED).")
            .Resolve(context => context.Source.IsPending ? context.Source.NextAttemptAt : null);
        Field<NonNullGraphType<BooleanGraphType>>("urgent")
            .Description("An alert about an outage affecting the customer now: sent during quiet hours too, unless the customer holds outage alerts then.")
            .Resolve(context => context.Source.Urgent);
    }
}
