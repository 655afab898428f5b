using UCE.Outages.Data;

namespace UCE.Outages.Types;

/// <summary>The arguments of <c>updateOutageStatus</c>.</summary>
public sealed class UpdateOutageStatusInput
{
    public string OutageId { get; set; } = "";

    public OutageStatus Status { get; set; }

    public DateTime? EstimatedRestorationAt { get; set; }
}
