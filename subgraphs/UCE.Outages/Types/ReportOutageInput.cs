namespace UCE.Outages.Types;

/// <summary>The arguments of <c>reportOutage</c>.</summary>
public sealed class ReportOutageInput
{
    public string ServiceLocationId { get; set; } = "";

    public string Description { get; set; } = "";

    public string? Contact { get; set; }
}
