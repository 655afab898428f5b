using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>MessageTemplate</c>.</summary>
public sealed class MessageTemplateType : ObjectGraphType<MessageTemplate>
{
    public MessageTemplateType()
    {
        Name = "MessageTemplate";
        Description = "The wording of one kind of message on one channel, with {{placeholders}} filled at send time.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<CommunicationChannelType>>("channel").Resolve(context => context.Source.Channel);
        Field<NonNullGraphType<CommunicationTopicType>>("topic").Resolve(context => context.Source.Topic);
        Field<StringGraphType>("subject").Resolve(context => context.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(context => context.Source.Body);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("placeholders")
            .Description("The values a sender must supply (firstName is filled from the recipient).")
            .Resolve(context => TemplateRenderer.Placeholders((context.Source.Subject ?? "") + "\n" + context.Source.Body));
    }
}
