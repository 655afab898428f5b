namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>Who is calling, as the gateway established it.</summary>
public enum CallerRole
{
    /// <summary>No token: public data only.</summary>
    Anonymous,

    /// <summary>A customer, bound to one customer id: their own data.</summary>
    Customer,

    /// <summary>A contact-centre agent: any customer, every access audited.</summary>
    Agent,

    /// <summary>A partner integrator: what its scopes grant.</summary>
    Partner,

    /// <summary>A machine-to-machine caller (grid and notification workers): the mutations its scopes name.</summary>
    Service,

    /// <summary>A supervisor of agents: what an agent may, plus the agents' access log.</summary>
    Supervisor,
}
