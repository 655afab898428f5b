namespace UCE.Outages.Events;

/// <summary>Limits on what a grid event may carry.</summary>
public static class GridEventRules
{
    public const int MaxEventIdLength = 128;

    public const int MaxOutageIdLength = 64;

    public const int MaxLocationIdLength = 64;

    /// <summary>The most locations one event may name; a storm adds locations in several events.</summary>
    public const int MaxLocations = 10_000;

    public const int MaxSourceLength = 128;

    public const int MaxNoteLength = 512;
}
