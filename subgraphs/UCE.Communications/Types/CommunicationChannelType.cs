using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL enum <c>CommunicationChannel</c>: EMAIL, SMS, PUSH.</summary>
public sealed class CommunicationChannelType : EnumerationGraphType<Channel>
{
    public CommunicationChannelType()
    {
        Name = "CommunicationChannel";
        Description = "How a message reaches a customer.";
    }
}
