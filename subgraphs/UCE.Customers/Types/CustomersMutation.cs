using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Customers.Requests;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.Types;

/// <summary>The customers subgraph's mutations: service requests, contact details, onboarding, logged contacts.</summary>
public sealed class CustomersMutation : ObjectGraphType
{
    public CustomersMutation()
    {
        Name = "Mutation";

        Field<ServiceRequestPayloadType>("startService")
            .Description("Opens an account at a new service location on a date, once per idempotency key.")
            .Argument<NonNullGraphType<StartServiceInputType>>("input")
            .Authorize(Access.CustomerArgument(context => context.GetArgument<StartServiceInput>("input").CustomerId.Trim()))
            .ResolveAsync(async context => await context.Service<ServiceRequests>().StartAsync(
                context.GetArgument<StartServiceInput>("input"), context.Caller(), context.CancellationToken));

        Field<ServiceRequestPayloadType>("stopService")
            .Description("Closes an active account on a date, once per idempotency key.")
            .Argument<NonNullGraphType<StopServiceInputType>>("input")
            .Authorize(Access.CustomerOwning("the account", request => OwnerOf(request, request.Field!.GetArgument<StopServiceInput>("input").AccountId)))
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<StopServiceInput>("input");
                var outcome = await context.Service<ServiceRequests>().StopAsync(input, context.Caller(), context.CancellationToken);
                context.Service<AccountByIdLoader>().Forget(input.AccountId.Trim());
                return outcome;
            });

        Field<ServiceRequestPayloadType>("moveService")
            .Description("Closes an active account and opens one at a new service location on the same date, both or neither, once per idempotency key.")
            .Argument<NonNullGraphType<MoveServiceInputType>>("input")
            .Authorize(Access.CustomerOwning("the account", request => OwnerOf(request, request.Field!.GetArgument<MoveServiceInput>("input").AccountId)))
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<MoveServiceInput>("input");
                var outcome = await context.Service<ServiceRequests>().MoveAsync(input, context.Caller(), context.CancellationToken);
                context.Service<AccountByIdLoader>().Forget(input.AccountId.Trim());
                return outcome;
            });

        Field<ServiceRequestPayloadType>("cancelServiceRequest")
            .Description("Cancels a scheduled service request and undoes what it set up, once per idempotency key.")
            .Argument<NonNullGraphType<CancelServiceRequestInputType>>("input")
            .Authorize(Access.CustomerOwning("the service request", RequestOwnerAsync))
            .ResolveAsync(async context => await context.Service<ServiceRequests>().CancelAsync(
                context.GetArgument<CancelServiceRequestInput>("input"), context.Caller(), context.CancellationToken));

        Field<CustomerPayloadType>("updateContactDetails")
            .Description("Changes the e-mail address, phone number or mailing address, once per idempotency key.")
            .Argument<NonNullGraphType<UpdateContactDetailsInputType>>("input")
            .Authorize(Access.CustomerArgument(context => context.GetArgument<UpdateContactDetailsInput>("input").CustomerId.Trim()))
            .ResolveAsync(async context => await context.Service<ContactDetails>().UpdateAsync(
                context.GetArgument<UpdateContactDetailsInput>("input"), context.Caller(), context.CancellationToken));

        Field<CustomerPayloadType>("onboardCustomer")
            .Description("A new customer with a service location and a first account, once per idempotency key; for agents and supervisors.")
            .Argument<NonNullGraphType<OnboardCustomerInputType>>("input")
            .Authorize(Access.Staff)
            .ResolveAsync(async context => await context.Service<ServiceRequests>().OnboardAsync(
                context.GetArgument<OnboardCustomerInput>("input"), context.Caller(), context.CancellationToken));

        Field<LogContactPayloadType>("logContact")
            .Description("Records a call, chat or visit with a customer in the interaction history; for agents and supervisors.")
            .Argument<NonNullGraphType<LogContactInputType>>("input")
            .Authorize(Access.Staff.About(context => context.GetArgument<LogContactInput>("input").CustomerId.Trim()))
            .ResolveAsync(async context => await context.Service<ContactLog>().LogAsync(
                context.GetArgument<LogContactInput>("input"), context.Caller(), context.CancellationToken));
    }

    private static async ValueTask<string?> RequestOwnerAsync(AccessRequest request)
    {
        var id = request.Field!.GetArgument<CancelServiceRequestInput>("input").ServiceRequestId.Trim();
        await using var db = await request.Services.GetRequiredService<IDbContextFactory<CustomersDbContext>>().CreateDbContextAsync(request.CancellationToken);
        return await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.CustomerId).SingleOrDefaultAsync(request.CancellationToken);
    }

    private static IDataLoaderResult<string?> OwnerOf(AccessRequest request, string accountId) =>
        request.Services.GetRequiredService<AccountByIdLoader>().LoadAsync(accountId.Trim()).Then(account => account?.CustomerId);
}
