namespace UCE.Service.Data;

/// <summary>The contact-centre team a case waits with.</summary>
public enum CaseQueue
{
    Billing,
    Collections,
    Outages,
    Products,
    Complaints,
    Regulatory,
}
