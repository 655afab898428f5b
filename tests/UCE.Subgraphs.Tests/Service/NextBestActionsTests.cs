using UCE.Service;
using UCE.Service.Data;
using UCE.Service.Types;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>The ranking of next best actions from a customer's cases and the facts other subgraphs own.</summary>
public sealed class NextBestActionsTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cases_past_or_hours_from_their_SLA_come_first_then_an_outage_an_overdue_balance_and_an_expiring_offer()
    {
        var pastDue = OpenCase("late", CaseCategory.BillingInquiry, CasePriority.Urgent, Now.AddHours(-9));
        var nearDue = OpenCase("soon", CaseCategory.HighBill, CasePriority.High, Now.AddHours(-20));
        var later = OpenCase("later", CaseCategory.Complaint, CasePriority.Normal, Now.AddHours(-1));

        var actions = NextBestActions.Rank([later, nearDue, pastDue], new CustomerFacts(420.5, 1, Now.AddDays(3)), Now);

        Assert.Equal(
            [NextBestActionKind.CaseNearSla, NextBestActionKind.CaseNearSla, NextBestActionKind.ActiveOutage, NextBestActionKind.PaymentArrangementOffer, NextBestActionKind.ExpiringOffer],
            actions.Select(a => a.Kind));
        Assert.Equal([1, 2, 3, 4, 5], actions.Select(a => a.Rank));
        Assert.Equal([100, 86, 85, 74, 51], actions.Select(a => a.Score));
        Assert.Equal(["late", "soon"], actions.Take(2).Select(a => a.Case!.Subject));
        Assert.Contains("420.50", actions[3].Detail, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(3), actions[4].DueAt);
    }

    [Fact]
    public void A_regulatory_complaint_past_its_deadline_ranks_above_any_other_late_case()
    {
        var billing = OpenCase("billing", CaseCategory.BillingInquiry, CasePriority.Urgent, Now.AddHours(-30));
        var regulatory = OpenCase("regulator", CaseCategory.RegulatoryComplaint, CasePriority.Urgent, Now.AddHours(-49));

        var actions = NextBestActions.Rank([billing, regulatory], null, Now);

        Assert.Equal(["regulator", "billing"], actions.Select(a => a.Case!.Subject));
        Assert.Equal([105, 100], actions.Select(a => a.Score));
    }

    [Fact]
    public void Nothing_is_raised_for_settled_cases_distant_deadlines_a_paid_up_account_or_a_distant_or_expired_offer()
    {
        var resolved = OpenCase("resolved", CaseCategory.BillingInquiry, CasePriority.Urgent, Now.AddHours(-30));
        resolved.AssignTo("agent", Now.AddHours(-29));
        resolved.MoveTo(CaseStatus.InProgress, Now.AddHours(-28));
        resolved.Resolve(CaseResolutionCode.Explained, Now.AddHours(-27));
        var distant = OpenCase("distant", CaseCategory.Complaint, CasePriority.Low, Now.AddHours(-1));

        Assert.Empty(NextBestActions.Rank([resolved, distant], new CustomerFacts(0, 0, Now.AddDays(15)), Now));
        Assert.Empty(NextBestActions.Rank([], new CustomerFacts(0, 0, Now.AddDays(-1)), Now));
        Assert.Empty(NextBestActions.Rank([], null, Now));
    }

    [Fact]
    public void An_overdue_balance_is_not_offered_an_arrangement_while_a_payment_arrangement_case_is_open()
    {
        var arrangement = OpenCase("arrangement", CaseCategory.PaymentArrangement, CasePriority.Normal, Now.AddHours(-1));

        var actions = NextBestActions.Rank([arrangement], new CustomerFacts(300, 0, null), Now);

        Assert.DoesNotContain(actions, a => a.Kind == NextBestActionKind.PaymentArrangementOffer);
    }

    private static Case OpenCase(string subject, CaseCategory category, CasePriority priority, DateTime openedAt) =>
        Case.Open(new CaseOpening($"cas-{subject}", "cus-000001", category, priority, CaseChannel.Phone, CaseServiceLevels.DefaultQueue(category), subject, subject, "agent"), openedAt);
}
