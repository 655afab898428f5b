using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.Types;

/// <summary>GraphQL type <c>ServiceRequest</c>.</summary>
public sealed class ServiceRequestType : ObjectGraphType<ServiceRequest>
{
    public ServiceRequestType()
    {
        Name = "ServiceRequest";
        Description = "A request to start, stop or move service on a date.";
        this.Authorize(Access.CustomerData<ServiceRequest>(request => request.CustomerId));
        Field(request => request.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(request => request.ConfirmationNumber).Description("What the customer quotes when calling about it.");
        Field(request => request.Kind, type: typeof(NonNullGraphType<ServiceRequestKindType>));
        Field(request => request.Status, type: typeof(NonNullGraphType<ServiceRequestStatusType>));
        Field(request => request.ScheduledFor).Description("The day service starts, stops or moves.");
        Field(request => request.RequestedAt).Description("When it was asked for (UTC).");
        Field<NonNullGraphType<CustomerType>>("customer")
            .Resolve(context => context.Service<CustomerByIdLoader>().LoadAsync(context.Source.CustomerId));
        Field<AccountType>("openedAccount")
            .Description("The account it opens (start, move); PENDING until its day.")
            .Resolve(context => context.Source.OpenedAccountId is { } id
                ? context.Service<AccountByIdLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<Account?>(null));
        Field<AccountType>("closedAccount")
            .Description("The account it closes (stop, move); CLOSED from its day.")
            .Resolve(context => context.Source.ClosedAccountId is { } id
                ? context.Service<AccountByIdLoader>().LoadAsync(id)
                : DataLoaderResult.FromValue<Account?>(null));
    }
}
