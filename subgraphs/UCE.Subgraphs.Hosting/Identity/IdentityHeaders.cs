namespace UCE.Subgraphs.Hosting.Identity;

/// <summary>
/// The header contract between the gateway and the subgraphs. The gateway drops every client-sent header with
/// <see cref="Prefix"/>, writes these from the validated token and signs them (<see cref="IdentitySignature"/>).
/// </summary>
public static class IdentityHeaders
{
    /// <summary>Every identity header starts with this; the gateway never forwards a client's.</summary>
    public const string Prefix = "X-UCE-";

    /// <summary>The authenticated subject (JWT <c>sub</c>).</summary>
    public const string Subject = "X-UCE-Subject";

    /// <summary><c>anonymous</c>, <c>customer</c>, <c>agent</c>, <c>partner</c>, <c>service</c> or <c>supervisor</c>.</summary>
    public const string Role = "X-UCE-Role";

    /// <summary>The customer id a <c>customer</c> caller is.</summary>
    public const string CustomerId = "X-UCE-Customer-Id";

    /// <summary>Space-separated scopes.</summary>
    public const string Scopes = "X-UCE-Scopes";

    /// <summary>The client application (JWT <c>client_id</c> or <c>azp</c>).</summary>
    public const string Client = "X-UCE-Client";

    /// <summary>The gateway's signature over the identity headers, the request body and a timestamp.</summary>
    public const string Signature = "X-UCE-Signature";

    /// <summary>The identity headers a signature covers, in the order they are signed.</summary>
    public static IReadOnlyList<string> Signed { get; } = [Role, Subject, CustomerId, Client, Scopes];
}
