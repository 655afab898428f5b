namespace UCE.Gateway.Composition;

/// <summary>A composition hint (Apollo's warning): the supergraph composed, but something in the subgraphs is likely unintended.</summary>
public sealed record CompositionHint(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Hint codes, spelled as Apollo's composition spells them.</summary>
public static class HintCodes
{
    public const string InconsistentDescription = "INCONSISTENT_DESCRIPTION";
    public const string InconsistentEnumValueForInputEnum = "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM";
    public const string InconsistentEnumValueForOutputEnum = "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM";
    public const string UnusedEnumType = "UNUSED_ENUM_TYPE";
    public const string InconsistentInputObjectField = "INCONSISTENT_INPUT_OBJECT_FIELD";
    public const string InconsistentUnionMember = "INCONSISTENT_UNION_MEMBER";
    public const string InconsistentArgumentPresence = "INCONSISTENT_ARGUMENT_PRESENCE";
    public const string InconsistentButCompatibleFieldType = "INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE";
    public const string InconsistentButCompatibleArgumentType = "INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE";
    public const string OverriddenFieldCanBeRemoved = "OVERRIDDEN_FIELD_CAN_BE_REMOVED";
    public const string OverrideDirectiveCanBeRemoved = "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED";
    public const string OverrideMigrationInProgress = "OVERRIDE_MIGRATION_IN_PROGRESS";
    public const string FromSubgraphDoesNotExist = "FROM_SUBGRAPH_DOES_NOT_EXIST";
    public const string MergedNonRepeatableDirectiveArguments = "MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS";

    /// <summary>The codes this composer reports; Apollo has more (see docs/composition.md).</summary>
    public static readonly IReadOnlySet<string> Reported = new HashSet<string>(StringComparer.Ordinal)
    {
        InconsistentDescription, InconsistentEnumValueForInputEnum, InconsistentEnumValueForOutputEnum, UnusedEnumType,
        InconsistentInputObjectField, InconsistentUnionMember, InconsistentArgumentPresence, InconsistentButCompatibleFieldType,
        InconsistentButCompatibleArgumentType, OverriddenFieldCanBeRemoved, OverrideDirectiveCanBeRemoved, OverrideMigrationInProgress,
        FromSubgraphDoesNotExist, MergedNonRepeatableDirectiveArguments,
    };
}
