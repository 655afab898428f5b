namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>The header contract between the gateway and the subgraphs.</summary>
public static class IdentityHeaders
{
    /// <summary>The authenticated subject (JWT <c>sub</c>).</summary>
    public const string Subject = "X-UCE-Subject";

    /// <summary><c>customer</c>, <c>agent</c>, <c>partner</c> or <c>anonymous</c>.</summary>
    public const string Role = "X-UCE-Role";

    /// <summary>The customer id a <c>customer</c> caller is.</summary>
    public const string CustomerId = "X-UCE-Customer-Id";

    /// <summary>Space-separated scopes (partners).</summary>
    public const string Scopes = "X-UCE-Scopes";
}
