using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Types;

/// <summary>Who may read cases and their notes.</summary>
public static class CaseAccess
{
    private static readonly AccessRule NoteOwner = Access.CustomerData<CaseNote>(note => note.CustomerId);

    /// <summary>A case: its customer, agents and supervisors.</summary>
    public static AccessRule Case { get; } = Access.CustomerData<Case>(@case => @case.CustomerId);

    /// <summary>A note: agents and supervisors; the case's customer only when the note is customer-visible.</summary>
    public static AccessRule Note { get; } = new(
        "agents and supervisors; the case's customer for customer-visible notes",
        async request =>
        {
            var decision = await NoteOwner.EvaluateAsync(request).ConfigureAwait(false);
            return MaySeeInternal(request.Caller) || request.Value is CaseNote { Visibility: CaseNoteVisibility.CustomerVisible }
                ? decision
                : AccessDecision.Deny(decision.CustomerId);
        },
        audience: NoteOwner.Audience);

    /// <summary>True for callers who may read internal notes: agents and supervisors.</summary>
    public static bool MaySeeInternal(CallerIdentity caller) => caller.Role is CallerRole.Agent or CallerRole.Supervisor;
}
