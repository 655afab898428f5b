namespace UCE.Subgraphs.Hosting.Events.Interactions;

/// <summary>The kinds of <see cref="InteractionEvent"/> the subgraphs publish; consumers accept others too (a new publisher needs no consumer change).</summary>
public static class InteractionEventTypes
{
    public const string PaymentMade = "PAYMENT_MADE";
    public const string AutopayChanged = "AUTOPAY_CHANGED";
    public const string OutageReported = "OUTAGE_REPORTED";
    public const string EnrollmentMade = "ENROLLMENT_MADE";
    public const string EnrollmentCancelled = "ENROLLMENT_CANCELLED";
    public const string NotificationSent = "NOTIFICATION_SENT";
    public const string ServiceRequested = "SERVICE_REQUESTED";
    public const string ServiceRequestCancelled = "SERVICE_REQUEST_CANCELLED";
    public const string ServiceRequestCompleted = "SERVICE_REQUEST_COMPLETED";
    public const string ContactDetailsUpdated = "CONTACT_DETAILS_UPDATED";
    public const string CustomerOnboarded = "CUSTOMER_ONBOARDED";
    public const string ContactLogged = "CONTACT_LOGGED";
    public const string CaseOpened = "CASE_OPENED";
    public const string CaseResolved = "CASE_RESOLVED";
}
