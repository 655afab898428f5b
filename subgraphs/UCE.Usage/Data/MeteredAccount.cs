namespace UCE.Usage.Data;

/// <summary>An account billed for the energy a meter records.</summary>
public sealed class MeteredAccount
{
    public string AccountId { get; set; } = "";

    public string MeterId { get; set; } = "";

    public Meter? Meter { get; set; }
}
