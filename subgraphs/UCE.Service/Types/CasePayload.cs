using UCE.Service.Data;

namespace UCE.Service.Types;

/// <summary>The result of a case mutation: the case as it now stands, and the note or survey the mutation wrote.</summary>
public sealed record CasePayload(Case Case, CaseNote? Note = null, CaseSurvey? Survey = null);
