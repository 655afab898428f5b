using UCE.Subgraphs.Hosting.DataLoading;
using GraphQL.Federation;
using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Customers.Types;

/// <summary>The <c>Account</c> entity, keyed by <c>id</c> and by <c>number</c>.</summary>
public sealed class AccountType : ObjectGraphType<Account>
{
    public AccountType()
    {
        Name = "Account";
        Description = "A customer's account for one kind of service at one location.";
        this.Key("id");
        this.Key("number");
        this.Authorize(Access.CustomerData<Account>(account => account.CustomerId));
        Field(account => account.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(account => account.Number).Description("The number printed on bills.").Shareable();
        Field(account => account.Kind, type: typeof(NonNullGraphType<AccountKindType>));
        Field(account => account.Status, type: typeof(NonNullGraphType<AccountStatusType>));
        Field(account => account.Opened).Description("The day the account was opened.");
        Field(account => account.ClosesOn, nullable: true).Description("The day service stops: closed, or scheduled to close; null while no stop is asked for.");
        Field<NonNullGraphType<CustomerType>>("customer")
            .Resolve(context => context.Service<CustomerByIdLoader>().LoadAsync(context.Source.CustomerId));
        Field<NonNullGraphType<ServiceLocationType>>("serviceLocation")
            .Resolve(context => context.Service<ServiceLocationByIdLoader>().LoadAsync(context.Source.ServiceLocationId));
        this.ResolveReference<AccountReference, Account>((context, reference) =>
            (reference switch
            {
                { Id: { } id } => context.Service<AccountByIdLoader>().LoadAsync(id),
                { Number: { } number } => context.Service<AccountByNumberLoader>().LoadAsync(number),
                _ => DataLoaderResult.FromValue<Account?>(null),
            })!);
    }
}

/// <summary>An <c>Account</c> representation in <c>_entities</c>: by id or by number.</summary>
public sealed class AccountReference
{
    public string? Id { get; set; }

    public string? Number { get; set; }
}
