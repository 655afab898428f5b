using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Writes every attached <see cref="AccessRule"/>'s <see cref="AccessDirectives"/> into the federation SDL, so the gateway
/// enforces the same rules before planning: imports <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c>
/// from the Federation link, defines them as Apollo does, and applies them to the fields and object types with rules.
/// </summary>
internal static class AccessDirectivesInSdl
{
    private const string AuthenticatedName = "authenticated";
    private const string RequiresScopesName = "requiresScopes";
    private const string PolicyName = "policy";

    /// <summary>The Federation version that defines all three directives (<c>@policy</c> arrived in 2.6).</summary>
    public const string MinimumFederationVersion = "2.6";

    /// <summary>Adds the three directives to the imports of the Federation <c>@link</c>.</summary>
    public static void Import(LinkConfiguration link)
    {
        ArgumentNullException.ThrowIfNull(link);
        foreach (var name in (string[])[AuthenticatedName, RequiresScopesName, PolicyName])
        {
            link.Imports.Add("@" + name, "@" + name);
        }
    }

    /// <summary>
    /// Gives <c>@requiresScopes</c> and <c>@policy</c> their Federation arguments (GraphQL.NET defines them as flat
    /// lists of strings; Apollo's are lists of AND-sets of <c>federation__Scope</c> and <c>federation__Policy</c>), and
    /// applies the directives once the schema's types are known. Runs after <c>AddFederation</c>.
    /// </summary>
    public static void AddTo(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Define(schema, RequiresScopesName, "scopes", "federation__Scope");
        Define(schema, PolicyName, "policies", "federation__Policy");
        schema.RegisterVisitor(new Applier());
    }

    private static void Define(ISchema schema, string directiveName, string argumentName, string scalarName)
    {
        var directive = schema.Directives.Find(directiveName)
            ?? throw new InvalidOperationException($"The Federation link does not define @{directiveName}; link Federation {MinimumFederationVersion} or later.");
        var scalar = new FederationNameGraphType(scalarName);
        schema.RegisterType(scalar);
        directive.Arguments = new QueryArguments(new QueryArgument(
            new NonNullGraphType(new ListGraphType(new NonNullGraphType(new ListGraphType(new NonNullGraphType(scalar))))))
        {
            Name = argumentName,
        });
    }

    /// <summary>Applies each rule's directives to its field or object type; interfaces take none (composition refuses them there).</summary>
    private sealed class Applier : BaseSchemaNodeVisitor
    {
        public override void VisitObject(IObjectGraphType type, ISchema schema) =>
            Apply(type, type.AccessRuleOf()?.DirectivesFor(AccessRuleTarget.ObjectType));

        public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema) =>
            Apply(field, field.AccessRuleOf()?.DirectivesFor(
                type == schema.Query || type == schema.Mutation ? AccessRuleTarget.RootField : AccessRuleTarget.Field));

        private static void Apply(IMetadataWriter element, AccessDirectives? directives)
        {
            if (directives is null)
            {
                return;
            }

            if (directives.Authenticated)
            {
                element.ApplyDirective(AuthenticatedName);
            }

            if (directives.Scopes.Count > 0)
            {
                element.ApplyDirective(RequiresScopesName, "scopes", ToLists(directives.Scopes));
            }

            if (directives.Policies.Count > 0)
            {
                element.ApplyDirective(PolicyName, "policies", ToLists(directives.Policies));
            }
        }

        private static string[][] ToLists(IReadOnlyList<IReadOnlyList<string>> sets) => [.. sets.Select(set => set.ToArray())];
    }

    /// <summary>A Federation scalar that carries a name as a string (<c>federation__Scope</c>, <c>federation__Policy</c>).</summary>
    private sealed class FederationNameGraphType : StringGraphType
    {
        public FederationNameGraphType(string name)
        {
            Name = name;
            Description = null;
        }
    }
}
