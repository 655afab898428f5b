namespace UCE.Gateway.Composition;

/// <summary>Composition error codes, spelled as Apollo's composition spells them.</summary>
public static class ErrorCodes
{
    public const string InvalidGraphQL = "INVALID_GRAPHQL";
    public const string TypeKindMismatch = "TYPE_KIND_MISMATCH";
    public const string FieldTypeMismatch = "FIELD_TYPE_MISMATCH";
    public const string InvalidFieldSharing = "INVALID_FIELD_SHARING";
    public const string ExternalMissingOnBase = "EXTERNAL_MISSING_ON_BASE";
    public const string ExternalTypeMismatch = "EXTERNAL_TYPE_MISMATCH";
    public const string ExternalUnused = "EXTERNAL_UNUSED";
    public const string KeyInvalidFields = "KEY_INVALID_FIELDS";
    public const string KeyFieldsSelectInvalidType = "KEY_FIELDS_SELECT_INVALID_TYPE";
    public const string KeyFieldsHasArgs = "KEY_FIELDS_HAS_ARGS";
    public const string RequiresInvalidFields = "REQUIRES_INVALID_FIELDS";
    public const string RequiresFieldsMissingExternal = "REQUIRES_FIELDS_MISSING_EXTERNAL";
    public const string ProvidesInvalidFields = "PROVIDES_INVALID_FIELDS";
    public const string ProvidesFieldsMissingExternal = "PROVIDES_FIELDS_MISSING_EXTERNAL";
    public const string ProvidesFieldsHasArgs = "PROVIDES_FIELDS_HAS_ARGS";
    public const string ProvidesOnNonObjectField = "PROVIDES_ON_NON_OBJECT_FIELD";
    public const string OverrideFromSelf = "OVERRIDE_FROM_SELF_ERROR";
    public const string OverrideSourceHasOverride = "OVERRIDE_SOURCE_HAS_OVERRIDE";
    public const string EnumValueMismatch = "ENUM_VALUE_MISMATCH";
    public const string EmptyMergedEnumType = "EMPTY_MERGED_ENUM_TYPE";
    public const string EmptyMergedInputType = "EMPTY_MERGED_INPUT_TYPE";
    public const string RequiredArgumentMissingInSomeSubgraph = "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH";
    public const string RequiredInputFieldMissingInSomeSubgraph = "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH";
    public const string ArgumentTypeMismatch = "FIELD_ARGUMENT_TYPE_MISMATCH";
    public const string ArgumentDefaultMismatch = "FIELD_ARGUMENT_DEFAULT_MISMATCH";
    public const string InputFieldDefaultMismatch = "INPUT_FIELD_DEFAULT_MISMATCH";
    public const string ShareableHasMismatchedRuntimeTypes = "SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES";
    public const string SatisfiabilityError = "SATISFIABILITY_ERROR";
    public const string InvalidSubgraphName = "INVALID_SUBGRAPH_NAME";
    public const string NoQueries = "NO_QUERIES";
    public const string DirectiveDefinitionInvalid = "DIRECTIVE_DEFINITION_INVALID";
    public const string InterfaceObjectUsageError = "INTERFACE_OBJECT_USAGE_ERROR";
    public const string QueryRootTypeInaccessible = "QUERY_ROOT_TYPE_INACCESSIBLE";
    public const string OnlyInaccessibleChildren = "ONLY_INACCESSIBLE_CHILDREN";
    public const string RequiredInaccessible = "REQUIRED_INACCESSIBLE";
    public const string ReferencedInaccessible = "REFERENCED_INACCESSIBLE";
    public const string DefaultValueUsesInaccessible = "DEFAULT_VALUE_USES_INACCESSIBLE";
    public const string ContextNameInvalid = "CONTEXT_NAME_INVALID";
    public const string ContextNotSet = "CONTEXT_NOT_SET";
    public const string NoContextInSelection = "NO_CONTEXT_IN_SELECTION";
    public const string ContextInvalidSelection = "CONTEXT_INVALID_SELECTION";
    public const string ContextualArgumentNotContextualInAllSubgraphs = "CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS";
    public const string UnsupportedFeature = "UNSUPPORTED_FEATURE";
    public const string InterfaceKeyNotOnImplementation = "INTERFACE_KEY_NOT_ON_IMPLEMENTATION";
    public const string AuthRequirementsAppliedOnInterface = "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE";
    public const string MissingTransitiveAuthRequirements = "MISSING_TRANSITIVE_AUTH_REQUIREMENTS";
}
