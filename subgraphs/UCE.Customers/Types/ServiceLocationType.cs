using GraphQL.Federation;
using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

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
        this.ResolveReference<ServiceLocationReference, ServiceLocation>((context, reference) =>
            context.Service<ServiceLocationByIdLoader>().LoadAsync(reference.Id ?? string.Empty)!);
    }
}

/// <summary>A <c>ServiceLocation</c> representation in <c>_entities</c>.</summary>
public sealed class ServiceLocationReference
{
    public string? Id { get; set; }
}
