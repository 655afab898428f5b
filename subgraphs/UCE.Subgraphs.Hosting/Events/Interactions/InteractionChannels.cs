using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>The channel names of <see cref="InteractionEvent.Channel"/>, as the customers subgraph's <c>InteractionChannel</c> enum spells them.</summary>
public static class InteractionChannels
{
    public const string Phone = "PHONE";
    public const string Email = "EMAIL";
    public const string Chat = "CHAT";
    public const string Web = "WEB";
    public const string Sms = "SMS";
    public const string FieldVisit = "FIELD_VISIT";
    public const string Push = "PUSH";

    /// <summary>
    /// Where a request came from when nothing better is known: agents and supervisors act on the phone, everybody else
    /// (customers, services acting for them) through the web.
    /// </summary>
    public static string Of(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is CallerRole.Agent or CallerRole.Supervisor ? Phone : Web;
    }

    /// <summary>The agent who acted: the subject of an agent or supervisor, null otherwise.</summary>
    public static string? AgentOf(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is CallerRole.Agent or CallerRole.Supervisor ? caller.Subject : null;
    }
}
