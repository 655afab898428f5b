namespace UCE.Service.Data;

/// <summary>
/// The service levels of cases: the hours a case of a category and priority has until it must be resolved, and the
/// queue and priority a category gets when the opener names none. A regulatory complaint must be answered within the
/// statutory deadline of <see cref="StatutoryDeadline"/> whatever its priority. The table is printed in docs/service.md.
/// </summary>
public static class CaseServiceLevels
{
    /// <summary>The regulator's deadline for answering a complaint filed with it.</summary>
    public static readonly TimeSpan StatutoryDeadline = TimeSpan.FromDays(10);

    // Hours by priority: Low, Normal, High, Urgent.
    private static readonly Dictionary<CaseCategory, int[]> Hours = new()
    {
        [CaseCategory.BillingInquiry] = [120, 72, 24, 8],
        [CaseCategory.PaymentArrangement] = [96, 48, 24, 8],
        [CaseCategory.Outage] = [48, 24, 4, 2],
        [CaseCategory.HighBill] = [120, 72, 24, 8],
        [CaseCategory.ProductSupport] = [240, 120, 48, 24],
        [CaseCategory.Complaint] = [240, 120, 48, 24],
        [CaseCategory.RegulatoryComplaint] = [240, 240, 120, 48],
    };

    /// <summary>How long a case of <paramref name="category"/> and <paramref name="priority"/> has until it must be resolved.</summary>
    public static TimeSpan Allowance(CaseCategory category, CasePriority priority)
    {
        var allowance = TimeSpan.FromHours(Hours[category][(int)priority]);
        return category == CaseCategory.RegulatoryComplaint && allowance > StatutoryDeadline ? StatutoryDeadline : allowance;
    }

    /// <summary>When a case opened (or reopened) at <paramref name="at"/> must be resolved by.</summary>
    public static DateTime DueAt(CaseCategory category, CasePriority priority, DateTime at) => at + Allowance(category, priority);

    /// <summary>The priority a case of <paramref name="category"/> gets when the opener names none.</summary>
    public static CasePriority DefaultPriority(CaseCategory category) => category switch
    {
        CaseCategory.Outage or CaseCategory.RegulatoryComplaint => CasePriority.High,
        _ => CasePriority.Normal,
    };

    /// <summary>The queue a case of <paramref name="category"/> waits in when the opener names none.</summary>
    public static CaseQueue DefaultQueue(CaseCategory category) => category switch
    {
        CaseCategory.BillingInquiry or CaseCategory.HighBill => CaseQueue.Billing,
        CaseCategory.PaymentArrangement => CaseQueue.Collections,
        CaseCategory.Outage => CaseQueue.Outages,
        CaseCategory.ProductSupport => CaseQueue.Products,
        CaseCategory.Complaint => CaseQueue.Complaints,
        _ => CaseQueue.Regulatory,
    };
}
