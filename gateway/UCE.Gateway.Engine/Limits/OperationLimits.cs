namespace UCE.Gateway.Engine.Limits;

/// <summary>
/// The ceilings an operation must stay under before it is planned. A <c>null</c> ceiling is not checked.
/// The defaults admit every operation the UCE channels send (introspection included) with room to spare.
/// </summary>
public sealed class OperationLimits
{
    /// <summary>No ceiling at all: for tests and trusted tooling.</summary>
    public static OperationLimits Unlimited { get; } = new()
    {
        MaxDepth = null, MaxAliases = null, MaxRootFields = null, MaxDirectives = null, MaxTokens = null, MaxCost = null,
    };

    /// <summary>Deepest field nesting; a root field is at depth 1.</summary>
    public int? MaxDepth { get; init; } = 20;

    /// <summary>Aliased fields in the operation, counted once per place a fragment is spread.</summary>
    public int? MaxAliases { get; init; } = 30;

    /// <summary>Fields in the root selection set, fragments expanded.</summary>
    public int? MaxRootFields { get; init; } = 20;

    /// <summary>Directive uses in the operation and the fragments it spreads.</summary>
    public int? MaxDirectives { get; init; } = 50;

    /// <summary>Lexical tokens in the whole document, counted before it is parsed.</summary>
    public int? MaxTokens { get; init; } = 15_000;

    /// <summary>
    /// Estimated cost: every object a field returns costs 1, lists multiply by their size, a mutation root field costs 10
    /// (the demand-control model of Apollo's <c>@cost</c>/<c>@listSize</c>, with their defaults).
    /// </summary>
    public long? MaxCost { get; init; } = 10_000;

    /// <summary>The size assumed for a list whose field has no slicing argument and no default for it.</summary>
    public int AssumedListSize { get; init; } = 10;

    /// <summary>Arguments whose integer value is the size of the list a field returns.</summary>
    public IReadOnlyList<string> SlicingArguments { get; init; } = ["first", "last"];

    /// <summary>The list fields of a paged object (a connection) that a slicing argument on the field returning it sizes.</summary>
    public IReadOnlySet<string> SizedFields { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "edges", "nodes" };

    /// <summary>These limits with every ceiling that <paramref name="overrides"/> sets replaced.</summary>
    public OperationLimits With(OperationLimitOverrides overrides) => new()
    {
        MaxDepth = Pick(overrides.MaxDepth, MaxDepth),
        MaxAliases = Pick(overrides.MaxAliases, MaxAliases),
        MaxRootFields = Pick(overrides.MaxRootFields, MaxRootFields),
        MaxDirectives = Pick(overrides.MaxDirectives, MaxDirectives),
        MaxTokens = Pick(overrides.MaxTokens, MaxTokens),
        MaxCost = overrides.MaxCost is { } cost ? (cost <= 0 ? null : cost) : MaxCost,
        AssumedListSize = AssumedListSize,
        SlicingArguments = SlicingArguments,
        SizedFields = SizedFields,
    };

    // An override of 0 (or less) lifts the ceiling; an unset override keeps it.
    private static int? Pick(int? overrideValue, int? current) =>
        overrideValue is { } value ? (value <= 0 ? null : value) : current;
}

/// <summary>Per-role changes to <see cref="OperationLimits"/>: an unset value keeps the default, 0 lifts the ceiling.</summary>
public sealed class OperationLimitOverrides
{
    public int? MaxDepth { get; set; }

    public int? MaxAliases { get; set; }

    public int? MaxRootFields { get; set; }

    public int? MaxDirectives { get; set; }

    public int? MaxTokens { get; set; }

    public long? MaxCost { get; set; }
}
