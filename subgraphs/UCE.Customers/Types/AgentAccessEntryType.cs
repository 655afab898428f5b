using GraphQL.Types;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.GraphTypes;

namespace UCE.Customers.Types;

/// <summary>One entry of the agent access log (<c>agentAccessLog</c>).</summary>
public sealed class AgentAccessEntryType : ObjectGraphType<AgentAccessEntry>
{
    public AgentAccessEntryType()
    {
        Name = "AgentAccessEntry";
        Description = "An agent or supervisor read or changed one customer's data in one request to one subgraph.";
        Field(entry => entry.At).Description("When the request finished (UTC).");
        Field(entry => entry.Agent, nullable: true).Description("The agent's subject; null when the gateway forwarded none.");
        Field(entry => entry.Role).Description("agent or supervisor.");
        Field(entry => entry.CustomerId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(entry => entry.Subgraph).Description("The subgraph that served the data.");
        Field(entry => entry.OperationName, nullable: true).Description("The GraphQL operation's name; null for an anonymous operation.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("rootFields")
            .Description("The root fields (response keys) the data was reached through.")
            .Resolve(context => context.Source.RootFields.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Field(entry => entry.Outcome, type: typeof(NonNullGraphType<AgentAccessOutcomeType>));
    }
}

/// <summary><c>ALLOWED</c>, <c>FORBIDDEN</c> or <c>ERROR</c>.</summary>
public sealed class AgentAccessOutcomeType() : NamedEnumerationGraphType<AgentAccessOutcome>(
    "AgentAccessOutcome",
    "How an access ended: allowed, refused (FORBIDDEN), or allowed but failed.");
