namespace UCE.Outages.Types;

/// <summary>The <c>extensions.code</c> values the outages subgraph adds to the shared ones.</summary>
public static class OutageErrorCodes
{
    public const string OutageNotFound = "OUTAGE_NOT_FOUND";

    public const string ServiceLocationNotFound = "SERVICE_LOCATION_NOT_FOUND";
}
