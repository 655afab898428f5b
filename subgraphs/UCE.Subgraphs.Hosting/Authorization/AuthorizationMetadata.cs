using GraphQL.Builders;
using GraphQL.Types;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>Attaches <see cref="AccessRule"/>s to fields and object types while they are defined.</summary>
public static class AuthorizationMetadata
{
    private const string RuleKey = "uce:access-rule";

    /// <summary>Checks <paramref name="rule"/> before the field's resolver runs; refused, the field is null with a FORBIDDEN error.</summary>
    public static FieldBuilder<TSource, TReturn> Authorize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, AccessRule rule)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(rule);
        field.FieldType.Metadata[RuleKey] = rule;
        return field;
    }

    /// <summary>The field serves every caller, anonymous included.</summary>
    public static FieldBuilder<TSource, TReturn> AllowAnonymous<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Authorize(Access.Anyone);

    /// <summary>
    /// Checks <paramref name="rule"/> on every object of this type before any of its fields resolves, however the object
    /// was reached: a root field, <c>_entities</c>, a list, another type's field. This is the type's default: a field
    /// added later is as safe as the rest.
    /// </summary>
    public static void Authorize<TSource>(this ObjectGraphType<TSource> type, AccessRule rule)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(rule);
        type.Metadata[RuleKey] = rule;
    }

    /// <summary>The rule attached to a field or a type; null when there is none.</summary>
    public static AccessRule? AccessRuleOf(this IProvideMetadata element) =>
        element?.GetMetadata<AccessRule?>(RuleKey, defaultValue: null);
}
