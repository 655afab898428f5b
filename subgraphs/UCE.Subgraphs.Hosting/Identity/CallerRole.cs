namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>Who is calling, as the gateway established it.</summary>
public enum CallerRole
{
    Anonymous,
    Customer,
    Agent,
    Partner,
}
