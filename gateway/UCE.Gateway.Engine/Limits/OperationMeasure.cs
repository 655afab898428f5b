namespace UCE.Gateway.Engine.Limits;

/// <summary>What one operation measures against the <see cref="OperationLimits"/>, fragments expanded.</summary>
/// <param name="Depth">Deepest field nesting (root fields at 1).</param>
/// <param name="Aliases">Aliased fields, once per place they are spread.</param>
/// <param name="RootFields">Fields of the root selection set.</param>
/// <param name="Directives">Directive uses.</param>
/// <param name="Cost">Estimated cost.</param>
/// <param name="CostDependsOnVariables">A slicing argument is a variable, so <paramref name="Cost"/> holds only for the variables it was measured with.</param>
public readonly record struct OperationMeasure(
    int Depth,
    long Aliases,
    long RootFields,
    long Directives,
    long Cost,
    bool CostDependsOnVariables);
