using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Gateway.Authentication;

/// <summary>
/// Who may use the developer features (introspection, query plans) where they are off for everyone: an agent or a
/// supervisor whose token carries the <see cref="Scope"/> scope.
/// </summary>
public static class DeveloperAccess
{
    /// <summary>The scope that opens the developer features.</summary>
    public const string Scope = "developer";

    public static bool IsDeveloper(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is CallerRole.Agent or CallerRole.Supervisor && caller.HasScope(Scope);
    }
}
