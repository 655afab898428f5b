using UCE.Customers.Data;

namespace UCE.Customers.Requests;

/// <summary>A service request as its mutation answers it, and whether an earlier request with the same key had made it.</summary>
public sealed record ServiceRequestOutcome(ServiceRequest ServiceRequest, bool Replayed);

/// <summary>A customer as <c>onboardCustomer</c> or <c>updateContactDetails</c> answers it.</summary>
public sealed record CustomerOutcome(Customer Customer, ServiceRequest? ServiceRequest, bool Replayed);
