namespace UCE.Service.Data;

/// <summary>What a case is about; it decides the default queue, priority and the SLA.</summary>
public enum CaseCategory
{
    BillingInquiry,
    PaymentArrangement,
    Outage,
    HighBill,
    ProductSupport,
    Complaint,
    RegulatoryComplaint,
}
