namespace UCE.Service;

/// <summary>What an agent should raise on a contact.</summary>
public enum NextBestActionKind
{
    /// <summary>An open case of the customer is past or within a day of its SLA due time.</summary>
    CaseNearSla,

    /// <summary>An outage not yet restored affects the customer's premises.</summary>
    ActiveOutage,

    /// <summary>The customer has an overdue balance and no open payment arrangement case.</summary>
    PaymentArrangementOffer,

    /// <summary>An open offer of the customer expires within two weeks.</summary>
    ExpiringOffer,
}
