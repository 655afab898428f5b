namespace UCE.Communications.Types;

/// <summary>The <c>id</c> of an entity representation passed to <c>_entities</c>.</summary>
public sealed class EntityKey
{
    public string Id { get; set; } = "";
}
