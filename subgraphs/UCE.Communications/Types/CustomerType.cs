using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Communications.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;
using UCE.Subgraphs.Hosting.Paging;

namespace UCE.Communications.Types;

/// <summary>The customers subgraph's <c>Customer</c> entity, extended with preferences and notifications.</summary>
public sealed class CustomerType : CustomerExtensionType
{
    public CustomerType()
    {
        Field<CommunicationPreferencesType>("communicationPreferences").Resolve(context => context.Source);
        Field<ListGraphType<NonNullGraphType<NotificationType>>>("notifications")
            .Description("Messages sent or queued for the customer, newest first.")
            .Argument<IntGraphType>("first", argument =>
            {
                argument.DefaultValue = PageSize.Default;
                argument.Description = $"How many notifications to return, 1 to {PageSize.Max}.";
            })
            .Resolve(context =>
            {
                var first = PageSize.Read(context, "first");
                return context.Service<NotificationsByCustomerLoader>().LoadAsync(context.Source.Id).Then(all => all.Take(first));
            });

        this.ResolveReference<EntityKey, CustomerReference>((context, key) =>
            context.Service<RecipientByIdLoader>()
                .LoadAsync(key.RequireId("Customer"))
                .Then(recipient => recipient is null ? null : new CustomerReference(recipient.CustomerId))!);
    }
}
