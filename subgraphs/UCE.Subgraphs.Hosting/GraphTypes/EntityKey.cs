using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.GraphTypes;

/// <summary>The <c>id</c> of an entity representation passed to <c>_entities</c>.</summary>
public sealed class EntityKey
{
    public string? Id { get; set; }

    /// <summary>The id, or a <c>BAD_USER_INPUT</c> error when the representation carries none.</summary>
    public string RequireId(string typeName) =>
        string.IsNullOrWhiteSpace(Id)
            ? throw new DomainError(ErrorCodes.BadUserInput, $"A {typeName} representation needs an id.")
            : Id;
}
