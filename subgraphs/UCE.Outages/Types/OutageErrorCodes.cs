namespace UCE.Outages.Types;

/// <summary>The <c>extensions.code</c> values the outages subgraph adds to the shared ones.</summary>
public static class OutageErrorCodes
{
    public const string OutageNotFound = "OUTAGE_NOT_FOUND";

    public const string ServiceLocationNotFound = "SERVICE_LOCATION_NOT_FOUND";

    /// <summary>The status change goes backwards, repeats the current status, or touches a restored outage (restored is final).</summary>
    public const string OutageStatusTransitionInvalid = "OUTAGE_STATUS_TRANSITION_INVALID";

    /// <summary>An outage-detected event names an outage id that is already taken.</summary>
    public const string OutageAlreadyExists = "OUTAGE_ALREADY_EXISTS";
}
