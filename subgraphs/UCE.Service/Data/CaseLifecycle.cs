using UCE.Service.Types;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service.Data;

/// <summary>
/// The moves a case may make: NEW → ASSIGNED → IN_PROGRESS ⇄ WAITING_ON_CUSTOMER → RESOLVED → CLOSED, and back to
/// IN_PROGRESS by a reopen within <see cref="ReopenWindow"/> of the resolution. Any other move is refused with
/// <c>INVALID_CASE_TRANSITION</c>.
/// </summary>
public static class CaseLifecycle
{
    /// <summary>How long after its resolution a case may be reopened.</summary>
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(30);

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Moves = new()
    {
        [CaseStatus.New] = [CaseStatus.Assigned],
        [CaseStatus.Assigned] = [CaseStatus.InProgress],
        [CaseStatus.InProgress] = [CaseStatus.WaitingOnCustomer, CaseStatus.Resolved],
        [CaseStatus.WaitingOnCustomer] = [CaseStatus.InProgress, CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Closed],
        [CaseStatus.Closed] = [],
    };

    /// <summary>The statuses a case in <paramref name="status"/> may move to (reopening aside).</summary>
    public static IReadOnlyList<CaseStatus> NextOf(CaseStatus status) => Moves[status];

    /// <summary>Refuses the move of <paramref name="subject"/> to <paramref name="target"/> unless the table allows it.</summary>
    public static void EnsureAllowed(Case subject, CaseStatus target)
    {
        if (!Moves[subject.Status].Contains(target))
        {
            throw new DomainError(
                ServiceErrorCodes.InvalidCaseTransition,
                $"Case '{subject.Id}' is {Name(subject.Status)} and cannot move to {Name(target)}.");
        }
    }

    /// <summary>Refuses a reopen unless the case is resolved or closed and was resolved at most <see cref="ReopenWindow"/> ago.</summary>
    public static void EnsureReopenable(Case subject, DateTime at)
    {
        if (subject.IsOpen || subject.ResolvedAt is not { } resolvedAt)
        {
            throw new DomainError(
                ServiceErrorCodes.InvalidCaseTransition,
                $"Case '{subject.Id}' is {Name(subject.Status)}; only a resolved or closed case can be reopened.");
        }

        if (at - resolvedAt > ReopenWindow)
        {
            throw new DomainError(
                ServiceErrorCodes.ReopenWindowExpired,
                $"Case '{subject.Id}' was resolved more than {ReopenWindow.TotalDays:0} days ago; open a new case instead.");
        }
    }

    /// <summary>The error for an action (<paramref name="action"/>) that a case in its status no longer takes.</summary>
    public static DomainError Refuse(Case subject, string action) =>
        new(ServiceErrorCodes.InvalidCaseTransition, $"Case '{subject.Id}' is {Name(subject.Status)}; it can no longer {action}.");

    /// <summary>The status as the schema spells it (IN_PROGRESS).</summary>
    public static string Name(CaseStatus status) => status switch
    {
        CaseStatus.New => "NEW",
        CaseStatus.Assigned => "ASSIGNED",
        CaseStatus.InProgress => "IN_PROGRESS",
        CaseStatus.WaitingOnCustomer => "WAITING_ON_CUSTOMER",
        CaseStatus.Resolved => "RESOLVED",
        _ => "CLOSED",
    };
}
