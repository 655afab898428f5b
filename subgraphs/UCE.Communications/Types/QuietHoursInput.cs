namespace UCE.Communications.Types;

/// <summary>Quiet hours as the client sends them, validated before use.</summary>
public sealed class QuietHoursInput
{
    public string Start { get; set; } = "";

    public string End { get; set; } = "";
}
