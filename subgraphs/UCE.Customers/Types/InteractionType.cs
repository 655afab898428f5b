using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Customers.Types;

/// <summary>One entry of a customer's contact history.</summary>
public sealed class InteractionType : ObjectGraphType<Interaction>
{
    public InteractionType()
    {
        Name = "Interaction";
        Description = "One contact with the customer on any channel.";
        this.Authorize(Access.CustomerData<Interaction>(interaction => interaction.CustomerId));
        Field(interaction => interaction.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(interaction => interaction.Channel, type: typeof(NonNullGraphType<InteractionChannelType>));
        Field(interaction => interaction.Topic);
        Field(interaction => interaction.Summary);
        Field(interaction => interaction.Agent, nullable: true).Description("The agent who handled it; null for self-service.");
        Field(interaction => interaction.At).Description("When it happened (UTC).");
        Field(interaction => interaction.EventType, nullable: true)
            .Description("What happened (PAYMENT_MADE, OUTAGE_REPORTED, CONTACT_LOGGED …); null for history recorded before events.");
        Field(interaction => interaction.Source, nullable: true).Description("The subgraph that told of it (billing, outages …).");
        Field<InteractionSubjectType>("subject")
            .Description("The entity it concerns; null when none.")
            .Resolve(context => context.Source.SubjectType is null || context.Source.SubjectId is null ? null : context.Source);
        Field(interaction => interaction.Disposition, type: typeof(ContactDispositionType)).Description("How a contact an agent logged ended.");
        Field(interaction => interaction.DurationSeconds, nullable: true).Description("How long a contact an agent logged took.");
    }
}
