namespace UCE.Service.Types;

/// <summary>An entity another subgraph owns, known here by its id.</summary>
public interface IEntityReference
{
    string Id { get; }
}

/// <summary>An account the customers subgraph owns, known here by its id.</summary>
/// <remarks>Each entity type has its own CLR type: <c>_entities</c> tells the types of its answers apart by it.</remarks>
public sealed record AccountReference(string Id) : IEntityReference;

/// <summary>An outage the outages subgraph owns, known here by its id.</summary>
public sealed record OutageReference(string Id) : IEntityReference;

/// <summary>An entity another subgraph owns that a case points at, with the case's customer for its access rule.</summary>
public sealed record LinkedEntity(string Id, string CustomerId);
