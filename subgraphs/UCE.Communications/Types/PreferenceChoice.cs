using UCE.Communications.Data;

namespace UCE.Communications.Types;

/// <summary>One channel and topic choice of <c>updateCommunicationPreferences</c>.</summary>
public sealed class PreferenceChoice
{
    public Channel Channel { get; set; }

    public Topic Topic { get; set; }

    public bool OptedIn { get; set; }
}
