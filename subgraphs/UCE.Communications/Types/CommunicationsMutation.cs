using GraphQL;
using GraphQL.Types;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Communications.Types;

/// <summary>The communications subgraph's mutations.</summary>
public sealed class CommunicationsMutation : ObjectGraphType
{
    public CommunicationsMutation()
    {
        Name = "Mutation";

        Field<UpdatePreferencesPayloadType>("updateCommunicationPreferences")
            .Description("Changes channel and topic choices and quiet hours; every entry is validated before any is written.")
            .Argument<NonNullGraphType<UpdatePreferencesInputType>>("input")
            .Authorize(Access.CustomerArgument(context => (context.GetArgument<Dictionary<string, object?>>("input").GetValueOrDefault("customerId") as string)?.Trim()))
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var request = PreferenceUpdate.Read(input);
                return await context.Service<PreferenceCenter>().UpdateAsync(request, context.CancellationToken);
            });

        Field<SendNotificationPayloadType>("sendNotification")
            .Description("Renders a template for a customer and queues it in the outbox, if the customer is opted in to its channel and topic.")
            .Argument<NonNullGraphType<SendNotificationInputType>>("input")
            .Authorize(Access.Service(AccessScopes.NotificationsSend).Or(Access.Staff)
                .About(context => context.GetArgument<SendNotificationInput>("input").CustomerId?.Trim()))
            .ResolveAsync(async context =>
                await context.Service<NotificationOutbox>().QueueAsync(
                    context.GetArgument<SendNotificationInput>("input"), context.CancellationToken));
    }
}
