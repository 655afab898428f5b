using GraphQL.Types;
using UCE.Communications.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Communications.Types;

/// <summary>GraphQL type <c>CommunicationPreferences</c>: a customer's preference center.</summary>
public sealed class CommunicationPreferencesType : ObjectGraphType<CustomerReference>
{
    public CommunicationPreferencesType()
    {
        Name = "CommunicationPreferences";
        Description = "A customer's preference center: channel and topic choices and quiet hours.";
        this.Authorize(Access.CustomerData<CustomerReference>(customer => customer.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunicationPreferenceType>>>>("preferences")
            .Description("One entry per supported channel and topic, by channel then topic.")
            .Resolve(context => context.Service<PreferencesByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<QuietHoursType>("quietHours")
            .Description("Null when the customer set no quiet hours.")
            .Resolve(context => context.Service<RecipientByIdLoader>().LoadAsync(context.Source.Id).Then(recipient =>
                recipient is { QuietHoursStart: { } start, QuietHoursEnd: { } end } ? new QuietHours(start, end) : null));
        Field<NonNullGraphType<BooleanGraphType>>("outageAlertsInQuietHours")
            .Description("Alerts about an outage affecting the customer now go out during quiet hours too (true, the default); false holds them until the quiet hours end.")
            .Resolve(context => context.Service<RecipientByIdLoader>().LoadAsync(context.Source.Id).Then(recipient => recipient?.OutageAlertsInQuietHours ?? true));
    }
}
