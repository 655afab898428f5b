using GraphQL;
using GraphQL.Types;

namespace UCE.Introspection;

/// <summary>
/// Makes a GraphQL.NET schema answer every option of graphql-js's <c>getIntrospectionQuery</c>, which GraphiQL, Banana Cake
/// Pop, Apollo's tools and code generators send: <c>__Directive.isRepeatable</c>, <c>__Type.specifiedByURL</c> (both in the
/// October 2021 spec), deprecated arguments and input fields with <c>includeDeprecated</c> on <c>__Field.args</c>,
/// <c>__Directive.args</c> and <c>__Type.inputFields</c>, the schema description and <c>__Type.isOneOf</c>.
/// </summary>
public static class SpecIntrospection
{
    /// <summary>The metadata key under which a scalar keeps the URL of its specification (<c>@specifiedBy(url:)</c>).</summary>
    public const string SpecifiedByUrlKey = "uce:specifiedByURL";

    /// <summary>Switches the schema's introspection on for all of the above; call before the schema is initialized.</summary>
    public static TSchema EnableSpecIntrospection<TSchema>(this TSchema schema)
        where TSchema : ISchema
    {
        // GraphQL.NET answers isRepeatable and input value deprecation behind these switches; the rest is added by the visitor.
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.RegisterVisitor(new SpecIntrospectionVisitor());
        return schema;
    }

    /// <summary>Records the URL of the scalar's specification, answered as its <c>specifiedByURL</c>.</summary>
    public static TScalar SpecifiedBy<TScalar>(this TScalar scalar, string url)
        where TScalar : ScalarGraphType
    {
        scalar.Metadata[SpecifiedByUrlKey] = url;
        return scalar;
    }

    /// <summary>The URL of the scalar's specification, or <c>null</c>.</summary>
    public static string? SpecifiedByUrl(this IGraphType type) =>
        type is ScalarGraphType scalar ? scalar.GetMetadata<string?>(SpecifiedByUrlKey) : null;
}
