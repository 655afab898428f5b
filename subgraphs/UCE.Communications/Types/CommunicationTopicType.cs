using GraphQL.Types;
using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>GraphQL enum <c>CommunicationTopic</c>: OUTAGE, BILLING, USAGE, PRODUCT, MARKETING.</summary>
public sealed class CommunicationTopicType : EnumerationGraphType<Topic>
{
    public CommunicationTopicType()
    {
        Name = "CommunicationTopic";
        Description = "What a message is about.";
    }
}
