using GraphQL.Federation;
using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Customers.Types;

/// <summary>The <c>ServiceLocation</c> entity (<c>@key(fields: "id")</c>).</summary>
public sealed class ServiceLocationType : ObjectGraphType<ServiceLocation>
{
    public ServiceLocationType()
    {
        Name = "ServiceLocation";
        Description = "A premise the utility serves, with its meter.";
        this.Key("id");
        this.Authorize(Access.CustomerData<ServiceLocation>(location => location.CustomerId));
        Field(location => location.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(location => location.Line1).Description("Street address.");
        Field(location => location.City);
        Field(location => location.State).Description("Two-letter state code.");
        Field(location => location.PostalCode);
        Field(location => location.PremiseId).Description("The utility's premise identifier.");
        Field(location => location.MeterId).Description("The meter installed at the premise.").Shareable();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountType>>>>("accounts")
            .Description("The accounts served at the premise, by account number; a customer sees only their own.")
            .Resolve(context =>
            {
                // The premise's owner and an account's holder may differ (a tenant's account at a landlord's
                // premise): an account the caller may not read is left out rather than refused, because one
                // refused item of this non-null list would take the whole location with it.
                var caller = context.Caller();
                return context.Service<AccountsByServiceLocationLoader>().LoadAsync(context.Source.Id)
                    .Then(accounts => (IReadOnlyList<Account>)accounts.Where(account => caller.MayActFor(account.CustomerId)).ToList());
            });
        this.ResolveReference<ServiceLocationReference, ServiceLocation>((context, reference) =>
            context.Service<ServiceLocationByIdLoader>().LoadAsync(reference.Id ?? string.Empty)!);
    }
}

/// <summary>A <c>ServiceLocation</c> representation in <c>_entities</c>.</summary>
public sealed class ServiceLocationReference
{
    public string? Id { get; set; }
}
