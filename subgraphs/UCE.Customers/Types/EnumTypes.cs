using GraphQL.Types;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers.Types;

/// <summary><c>RESIDENTIAL</c> or <c>COMMERCIAL</c>.</summary>
public sealed class CustomerSegmentType : EnumerationGraphType<CustomerSegment>
{
    public CustomerSegmentType()
    {
        Name = "CustomerSegment";
        Description = "Residential households or commercial businesses.";
    }
}

/// <summary><c>REGULATED</c> or <c>NON_REGULATED</c>; declared by this subgraph only.</summary>
public sealed class AccountKindType : EnumerationGraphType<AccountKind>
{
    public AccountKindType()
    {
        Name = "AccountKind";
        Description = "Regulated utility service or a non-regulated advanced energy solution.";
    }
}

/// <summary><c>ACTIVE</c>, <c>PENDING</c> or <c>CLOSED</c>.</summary>
public sealed class AccountStatusType : EnumerationGraphType<AccountStatus>
{
    public AccountStatusType()
    {
        Name = "AccountStatus";
        Description = "Where an account stands.";
    }
}

/// <summary>The channel of an interaction.</summary>
public sealed class InteractionChannelType : EnumerationGraphType<InteractionChannel>
{
    public InteractionChannelType()
    {
        Name = "InteractionChannel";
        Description = "The channel a contact with the customer happened on.";
    }
}
