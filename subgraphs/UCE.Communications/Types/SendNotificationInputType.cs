using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>GraphQL input <c>SendNotificationInput</c>.</summary>
public sealed class SendNotificationInputType : InputObjectGraphType<SendNotificationInput>
{
    public SendNotificationInputType()
    {
        Name = "SendNotificationInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<IdGraphType>>("templateId");
        Field<ListGraphType<NonNullGraphType<TemplateValueInputType>>>("values")
            .Description("Values for the template's placeholders; firstName defaults to the recipient's.");
    }
}

/// <summary>GraphQL input <c>TemplateValueInput</c>.</summary>
public sealed class TemplateValueInputType : InputObjectGraphType<TemplateValue>
{
    public TemplateValueInputType()
    {
        Name = "TemplateValueInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("value");
    }
}
