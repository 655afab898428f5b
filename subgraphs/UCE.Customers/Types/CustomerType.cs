using GraphQL;
using UCE.Subgraphs.Hosting.DataLoading;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Customers.Types;

/// <summary>The <c>Customer</c> entity (<c>@key(fields: "id")</c>).</summary>
public sealed class CustomerType : ObjectGraphType<Customer>
{
    /// <summary>The largest <c>interactions(first:)</c> page.</summary>
    public const int MaxInteractions = 100;

    public CustomerType()
    {
        Name = "Customer";
        Description = "A person or business the utility serves.";
        this.Key("id");
        this.Authorize(Access.CustomerData<Customer>(customer => customer.Id));
        Field(customer => customer.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(customer => customer.Name);
        Field(customer => customer.Email);
        Field(customer => customer.Phone);
        Field(customer => customer.Segment, type: typeof(NonNullGraphType<CustomerSegmentType>));
        Field(customer => customer.Since).Description("The day the customer relationship began.");
        Field<PostalAddressType>("mailingAddress")
            .Description("Where post goes; null when it goes to the service location.")
            .Resolve(context => context.Source.MailingAddress);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceRequestType>>>>("serviceRequests")
            .Description("Requests to start, stop or move service, newest first.")
            .Resolve(context => context.Service<ServiceRequestsByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountType>>>>("accounts")
            .Description("The customer's accounts, by account number.")
            .Resolve(context => context.Service<AccountsByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceLocationType>>>>("serviceLocations")
            .Description("The premises the customer is served at.")
            .Resolve(context => context.Service<ServiceLocationsByCustomerLoader>().LoadAsync(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InteractionType>>>>("interactions")
            .Description("The consolidated contact history, newest first.")
            .Argument<IntGraphType>("first", $"At most this many (1–{MaxInteractions}); all when omitted.")
            .Resolve(context =>
            {
                var first = context.GetArgument<int?>("first");
                if (first is < 1 or > MaxInteractions)
                {
                    throw new DomainError(ErrorCodes.BadUserInput, $"'first' must be between 1 and {MaxInteractions}.");
                }

                var all = context.Service<InteractionsByCustomerLoader>().LoadAsync(context.Source.Id);
                return first is null ? all : all.Then(list => (IReadOnlyList<Interaction>)list.Take(first.Value).ToList());
            });
        this.ResolveReference<CustomerReference, Customer>((context, reference) =>
            context.Service<CustomerByIdLoader>().LoadAsync(reference.Id ?? string.Empty)!);
    }
}

/// <summary>A <c>Customer</c> representation in <c>_entities</c>.</summary>
public sealed class CustomerReference
{
    public string? Id { get; set; }
}
