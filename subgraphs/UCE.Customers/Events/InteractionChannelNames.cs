using UCE.Customers.Data;

namespace UCE.Customers.Events;

/// <summary>Reads the channel of an interaction event (<c>FIELD_VISIT</c>), spelled as the GraphQL enum spells it.</summary>
public static class InteractionChannelNames
{
    private static readonly Dictionary<string, InteractionChannel> ByName = Enum.GetValues<InteractionChannel>()
        .ToDictionary(NameOf, StringComparer.Ordinal);

    public static bool TryParse(string? name, out InteractionChannel channel) => ByName.TryGetValue(name ?? "", out channel);

    /// <summary><c>FieldVisit</c> → <c>FIELD_VISIT</c>.</summary>
    public static string NameOf(InteractionChannel channel) =>
        string.Concat(channel.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
