namespace UCE.Subgraphs.Hosting.AccessLog;

/// <summary>One row of the agent access log: an agent or supervisor touched one customer's data in one request.</summary>
public sealed class AgentAccessEntry
{
    public string Id { get; set; } = "";

    /// <summary>When the request finished (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The subgraph that served the data (<c>customers</c>, <c>billing</c> …).</summary>
    public string Subgraph { get; set; } = "";

    /// <summary>The agent's subject (<c>X-UCE-Subject</c>); null when the gateway forwarded none.</summary>
    public string? Agent { get; set; }

    /// <summary><c>agent</c> or <c>supervisor</c>.</summary>
    public string Role { get; set; } = "";

    public string CustomerId { get; set; } = "";

    /// <summary>The GraphQL operation's name; null for an anonymous operation.</summary>
    public string? OperationName { get; set; }

    /// <summary>The response keys of the root fields the data was reached through, space-separated (<c>customer _entities</c>).</summary>
    public string RootFields { get; set; } = "";

    public AgentAccessOutcome Outcome { get; set; }
}

/// <summary>How an access ended.</summary>
public enum AgentAccessOutcome
{
    /// <summary>Read or done.</summary>
    Allowed,

    /// <summary>Refused by a rule (FORBIDDEN).</summary>
    Forbidden,

    /// <summary>Allowed, but the field failed (a domain or internal error under that root field).</summary>
    Error,
}
