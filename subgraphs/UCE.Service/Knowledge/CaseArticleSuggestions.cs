using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Knowledge;

/// <summary>What a case's suggested articles are searched with: any word of its subject and description, its categories first.</summary>
public static class CaseArticleSuggestions
{
    /// <summary>The knowledge categories that answer a case of <paramref name="category"/>; none for a general complaint.</summary>
    public static IReadOnlyList<KnowledgeCategory> CategoriesFor(CaseCategory category) => category switch
    {
        CaseCategory.BillingInquiry or CaseCategory.HighBill => [KnowledgeCategory.Billing],
        CaseCategory.PaymentArrangement => [KnowledgeCategory.Payments],
        CaseCategory.Outage => [KnowledgeCategory.Outages],
        CaseCategory.ProductSupport => [KnowledgeCategory.Products],
        CaseCategory.RegulatoryComplaint => [KnowledgeCategory.Account, KnowledgeCategory.Billing],
        _ => [],
    };

    /// <summary>The key <paramref name="case"/>'s suggestions for <paramref name="caller"/> are loaded by.</summary>
    public static KnowledgeSuggestionKey KeyFor(Case @case, CallerIdentity caller, int first) => new(
        @case.Id,
        @case.Subject + "\n" + @case.Description,
        string.Join(',', CategoriesFor(@case.Category)),
        string.Join(',', KnowledgeVisibility.AudiencesFor(caller)),
        first);
}
