using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Service.Types;

/// <summary>
/// The outages subgraph's <c>Outage</c> entity, extended with the cases raised about it. Outages are public; what this
/// subgraph adds is guarded by its field rule and by each case's own.
/// </summary>
public sealed class OutageType() : EntityWithCasesType<OutageReference, CasesByOutageLoader>(
    "Outage", "The cases raised about the outage", Access.Anyone, id => new OutageReference(id));
