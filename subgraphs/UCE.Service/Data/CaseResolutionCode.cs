namespace UCE.Service.Data;

/// <summary>How a case was resolved.</summary>
public enum CaseResolutionCode
{
    Explained,
    BillAdjusted,
    PaymentArrangementMade,
    ServiceRestored,
    ProductFixed,
    Refunded,
    Escalated,
    NoFaultFound,
    CustomerWithdrew,
}
