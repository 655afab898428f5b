using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace UCE.Introspection;

/// <summary>
/// Adds to GraphQL.NET 8's introspection types what they lack of the October 2021 spec: <c>__Type.specifiedByURL</c> and
/// <c>__Directive.args(includeDeprecated:)</c>. Runs once the schema's types exist, before the schema is validated.
/// </summary>
internal sealed class SpecIntrospectionVisitor : BaseSchemaNodeVisitor
{
    private const string IncludeDeprecated = "includeDeprecated";

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        switch (type.Name)
        {
            case "__Type" when !type.HasField("specifiedByURL"):
                type.AddField(new FieldType
                {
                    Name = "specifiedByURL",
                    ResolvedType = schema.AllTypes["String"]!,
                    Resolver = new FuncFieldResolver<object?>(context => context.Source is IGraphType graphType ? graphType.SpecifiedByUrl() : null),
                });
                break;
            case "__Directive" when type.GetField("args") is { } args && args.Arguments?.Find(IncludeDeprecated) is null:
                args.Arguments ??= [];
                args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"]!) { Name = IncludeDeprecated, DefaultValue = false });
                args.Resolver = new FuncFieldResolver<object?>(context =>
                {
                    var directive = (Directive)context.Source!;
                    var includeDeprecated = context.GetArgument<bool>(IncludeDeprecated);
                    return directive.Arguments?.Where(argument => includeDeprecated || string.IsNullOrWhiteSpace(argument.DeprecationReason)).ToList()
                        ?? [];
                });
                break;
        }
    }
}
