using GraphQL.Types;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers.Types;

/// <summary>Arguments of <c>startService</c>.</summary>
public sealed class StartServiceInput
{
    public string CustomerId { get; set; } = "";

    public AddressInput? ServiceAddress { get; set; }

    public DateOnly StartOn { get; set; }

    public AccountKind Kind { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>Arguments of <c>stopService</c>.</summary>
public sealed class StopServiceInput
{
    public string AccountId { get; set; } = "";

    public DateOnly StopOn { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>Arguments of <c>moveService</c>.</summary>
public sealed class MoveServiceInput
{
    public string AccountId { get; set; } = "";

    public AddressInput? NewServiceAddress { get; set; }

    public DateOnly MoveOn { get; set; }

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>Arguments of <c>cancelServiceRequest</c>.</summary>
public sealed class CancelServiceRequestInput
{
    public string ServiceRequestId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";
}

/// <summary>GraphQL input <c>StartServiceInput</c>.</summary>
public sealed class StartServiceInputType : InputObjectGraphType<StartServiceInput>
{
    public StartServiceInputType()
    {
        Name = "StartServiceInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<AddressInputType>>("serviceAddress").Description("Where service starts; a new service location.");
        Field<NonNullGraphType<DateOnlyGraphType>>("startOn").Description($"Today or up to {Requests.RequestRules.MaxDaysAhead} days ahead.");
        Field<AccountKindType>("kind").DefaultValue(AccountKind.Regulated);
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(IdempotencyKeyDescription);
    }

    /// <summary>The description of every <c>idempotencyKey</c> of the customers subgraph.</summary>
    public const string IdempotencyKeyDescription =
        "Chosen by the client; retrying with the same key and the same input acts once and answers the same result.";
}

/// <summary>GraphQL input <c>StopServiceInput</c>.</summary>
public sealed class StopServiceInputType : InputObjectGraphType<StopServiceInput>
{
    public StopServiceInputType()
    {
        Name = "StopServiceInput";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("An active account without a stop date.");
        Field<NonNullGraphType<DateOnlyGraphType>>("stopOn").Description($"Today or up to {Requests.RequestRules.MaxDaysAhead} days ahead.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(StartServiceInputType.IdempotencyKeyDescription);
    }
}

/// <summary>GraphQL input <c>MoveServiceInput</c>.</summary>
public sealed class MoveServiceInputType : InputObjectGraphType<MoveServiceInput>
{
    public MoveServiceInputType()
    {
        Name = "MoveServiceInput";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The active account to close; the new one has its kind.");
        Field<NonNullGraphType<AddressInputType>>("newServiceAddress");
        Field<NonNullGraphType<DateOnlyGraphType>>("moveOn").Description($"The day the old account closes and the new one opens: today or up to {Requests.RequestRules.MaxDaysAhead} days ahead.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(StartServiceInputType.IdempotencyKeyDescription);
    }
}

/// <summary>GraphQL input <c>CancelServiceRequestInput</c>.</summary>
public sealed class CancelServiceRequestInputType : InputObjectGraphType<CancelServiceRequestInput>
{
    public CancelServiceRequestInputType()
    {
        Name = "CancelServiceRequestInput";
        Field<NonNullGraphType<IdGraphType>>("serviceRequestId").Description("A SCHEDULED request.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description(StartServiceInputType.IdempotencyKeyDescription);
    }
}
