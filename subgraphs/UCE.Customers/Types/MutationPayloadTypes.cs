using GraphQL.Types;
using UCE.Customers.Requests;

namespace UCE.Customers.Types;

/// <summary>GraphQL type <c>ServiceRequestPayload</c>: what <c>startService</c>, <c>stopService</c> and <c>moveService</c> answer.</summary>
public sealed class ServiceRequestPayloadType : ObjectGraphType<ServiceRequestOutcome>
{
    public ServiceRequestPayloadType()
    {
        Name = "ServiceRequestPayload";
        Field<NonNullGraphType<ServiceRequestType>>("serviceRequest").Resolve(context => context.Source.ServiceRequest);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description(ReplayedDescription)
            .Resolve(context => context.Source.Replayed);
    }

    /// <summary>The description of every <c>replayed</c> of the customers subgraph.</summary>
    public const string ReplayedDescription = "True when an earlier request with the same idempotency key had already done this.";
}

/// <summary>GraphQL type <c>CustomerPayload</c>: what <c>updateContactDetails</c> and <c>onboardCustomer</c> answer.</summary>
public sealed class CustomerPayloadType : ObjectGraphType<CustomerOutcome>
{
    public CustomerPayloadType()
    {
        Name = "CustomerPayload";
        Field<NonNullGraphType<CustomerType>>("customer").Resolve(context => context.Source.Customer);
        Field<ServiceRequestType>("serviceRequest")
            .Description("The request that starts the first account (onboardCustomer); null for updateContactDetails.")
            .Resolve(context => context.Source.ServiceRequest);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description(ServiceRequestPayloadType.ReplayedDescription)
            .Resolve(context => context.Source.Replayed);
    }
}

/// <summary>GraphQL type <c>LogContactPayload</c>.</summary>
public sealed class LogContactPayloadType : ObjectGraphType<Data.Interaction>
{
    public LogContactPayloadType()
    {
        Name = "LogContactPayload";
        Field<NonNullGraphType<InteractionType>>("interaction").Resolve(context => context.Source);
    }
}
