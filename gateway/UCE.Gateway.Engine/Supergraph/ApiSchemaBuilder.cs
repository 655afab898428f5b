using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using UCE.Introspection;

namespace UCE.Gateway.Engine.Supergraph;

/// <summary>
/// Turns a supergraph document into the API schema clients see: linked machinery and <c>@inaccessible</c>
/// elements removed, then types no longer reachable from a root type removed.
/// </summary>
internal static class ApiSchemaBuilder
{
    private static readonly HashSet<string> KeptTypeSystemDirectives = new(StringComparer.Ordinal) { "deprecated", "specifiedBy" };

    private static readonly HashSet<string> BuiltInDirectives = new(StringComparer.Ordinal) { "deprecated", "specifiedBy", "skip", "include", "oneOf" };

    private static readonly HashSet<string> BuiltInScalars = new(StringComparer.Ordinal) { "String", "Int", "Float", "Boolean", "ID" };

    private static readonly HashSet<DirectiveLocation> ExecutableLocations =
    [
        DirectiveLocation.Query, DirectiveLocation.Mutation, DirectiveLocation.Subscription, DirectiveLocation.Field,
        DirectiveLocation.FragmentDefinition, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment, DirectiveLocation.VariableDefinition,
    ];

    /// <summary>Builds the printed API schema and the GraphQL.NET schema from a freshly parsed copy of the supergraph.</summary>
    public static (string Sdl, ISchema Schema, IReadOnlySet<string> ExecutableDirectives) Build(GraphQLDocument document, LinkedSpecs specs, string queryType, string? mutationType, string? subscriptionType)
    {
        var kept = new List<ASTNode>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLDirectiveDefinition directive:
                    if (!specs.IsSpecDirective(directive.Name.StringValue)
                        && !BuiltInDirectives.Contains(directive.Name.StringValue)
                        && directive.Locations.Items.All(ExecutableLocations.Contains))
                    {
                        kept.Add(directive);
                    }

                    break;
                case GraphQLTypeDefinition type when !specs.IsSpecType(type.Name.StringValue) && !specs.IsInaccessible((type as IHasDirectivesNode)?.Directives) && !BuiltInScalars.Contains(type.Name.StringValue):
                    kept.Add(type);
                    break;
            }
        }

        // GraphQLParser models a directive definition as a GraphQLTypeDefinition too: keep them apart.
        var types = kept.OfType<GraphQLTypeDefinition>().Where(t => t is not GraphQLDirectiveDefinition).ToList();
        var typeNames = types.Select(t => t.Name.StringValue).ToHashSet(StringComparer.Ordinal);
        foreach (var type in types)
        {
            Strip(type, specs, typeNames);
        }

        var reachable = Reachable(types, [queryType, mutationType, subscriptionType]);
        var definitions = new List<ASTNode>();
        var roots = new List<GraphQLRootOperationTypeDefinition>();
        AddRoot(roots, OperationType.Query, queryType, reachable);
        AddRoot(roots, OperationType.Mutation, mutationType, reachable);
        AddRoot(roots, OperationType.Subscription, subscriptionType, reachable);
        // The supergraph's schema description is the API schema's, as Apollo's API schema keeps it.
        var description = document.Definitions.OfType<GraphQLSchemaDefinition>().FirstOrDefault()?.Description;
        if (description is not null || queryType != "Query" || (mutationType ?? "Mutation") != "Mutation" || (subscriptionType ?? "Subscription") != "Subscription")
        {
            definitions.Add(new GraphQLSchemaDefinition(roots) { Description = description });
        }

        definitions.AddRange(kept.Where(d => d is GraphQLDirectiveDefinition || (d is GraphQLTypeDefinition t && reachable.Contains(t.Name.StringValue))));
        var apiDocument = new GraphQLDocument(definitions);
        var sdl = new SDLPrinter().Print(apiDocument);
        var executableDirectives = definitions.OfType<GraphQLDirectiveDefinition>().Select(d => d.Name.StringValue).ToHashSet(StringComparer.Ordinal);
        return (sdl, CreateSchema(sdl, definitions.OfType<GraphQLTypeDefinition>().Where(t => t is not GraphQLDirectiveDefinition)), executableDirectives);
    }

    private static void AddRoot(List<GraphQLRootOperationTypeDefinition> roots, OperationType operation, string? typeName, HashSet<string> reachable)
    {
        if (typeName is not null && reachable.Contains(typeName))
        {
            roots.Add(new GraphQLRootOperationTypeDefinition { Operation = operation, Type = new GraphQLNamedType(new GraphQLName(typeName)) });
        }
    }

    private sealed class DeferHiddenFilter : GraphQL.Introspection.DefaultSchemaFilter
    {
        public override Task<bool> AllowDirective(Directive directive) =>
            directive.Name == "defer" ? Task.FromResult(false) : base.AllowDirective(directive);
    }

    private static Directive DeferDirective() => new("defer", DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment)
    {
        Description = "Delivers the fragment's fields after the rest of the response (multipart/mixed; deferSpec=20220824).",
        Arguments = new QueryArguments(
            new QueryArgument<NonNullGraphType<BooleanGraphType>> { Name = "if", DefaultValue = true },
            new QueryArgument<StringGraphType> { Name = "label" }),
    };

    private static Schema CreateSchema(string sdl, IEnumerable<GraphQLTypeDefinition> types)
    {
        try
        {
            var typeList = types.ToList();
            var schema = Schema.For(sdl, builder =>
            {
                foreach (var type in typeList.Where(t => t is GraphQLInterfaceTypeDefinition or GraphQLUnionTypeDefinition))
                {
                    // The gateway never resolves fields through GraphQL.NET; abstract types only need a resolver to pass schema checks.
                    builder.Types.For(type.Name.StringValue).ResolveType = _ => null!;
                }
            });
            foreach (var scalar in typeList.OfType<GraphQLScalarTypeDefinition>())
            {
                var graphType = new PassThroughScalarGraphType(scalar.Name.StringValue, scalar.Description?.Value.ToString());
                if (SpecifiedByUrl(scalar) is { } url)
                {
                    graphType.SpecifiedBy(url);
                }

                schema.RegisterType(graphType);
            }

            if (schema.Subscription is { } subscription)
            {
                foreach (var field in subscription.Fields)
                {
                    field.StreamResolver = GatewayOwnedStreamResolver.Instance;
                }
            }

            if (schema.Directives.Find("defer") is null)
            {
                // Incremental delivery is the gateway's: clients may @defer fragments (answered whole where they cannot be delivered apart).
                schema.Directives.Register(DeferDirective());

                // Validation knows it; introspection keeps answering the API schema Apollo's composition derives.
                schema.Filter = new DeferHiddenFilter();
            }

            schema.EnableSpecIntrospection();
            schema.Initialize();
            return schema;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            throw new SupergraphException(SupergraphException.InvalidApiSchema, "The API schema of the supergraph is not a valid schema: " + ex.Message, ex);
        }
    }

    private static string? SpecifiedByUrl(GraphQLScalarTypeDefinition scalar) =>
        scalar.Directives?.Items.FirstOrDefault(d => d.Name.StringValue == "specifiedBy")?.Arguments?.Items
            .FirstOrDefault(a => a.Name.StringValue == "url")?.Value is GraphQLStringValue url
            ? url.Value.ToString()
            : null;

    private static void Strip(GraphQLTypeDefinition type, LinkedSpecs specs, HashSet<string> typeNames)
    {
        if (type is IHasDirectivesNode withDirectives)
        {
            withDirectives.Directives = StripDirectives(withDirectives.Directives);
        }

        switch (type)
        {
            case GraphQLObjectTypeDefinition obj:
                obj.Fields = StripFields(obj.Fields, specs, typeNames);
                obj.Interfaces = StripInterfaces(obj.Interfaces, typeNames);
                break;
            case GraphQLInterfaceTypeDefinition iface:
                iface.Fields = StripFields(iface.Fields, specs, typeNames);
                iface.Interfaces = StripInterfaces(iface.Interfaces, typeNames);
                break;
            case GraphQLUnionTypeDefinition union when union.Types is not null:
                union.Types.Items.RemoveAll(t => !typeNames.Contains(t.Name.StringValue));
                break;
            case GraphQLEnumTypeDefinition enumType when enumType.Values is not null:
                enumType.Values.Items.RemoveAll(v => specs.IsInaccessible(v.Directives));
                foreach (var value in enumType.Values.Items)
                {
                    value.Directives = StripDirectives(value.Directives);
                }

                break;
            case GraphQLInputObjectTypeDefinition input when input.Fields is not null:
                input.Fields.Items.RemoveAll(f => specs.IsInaccessible(f.Directives) || !typeNames.Contains(SupergraphField.UnwrapName(f.Type)) && !BuiltInScalars.Contains(SupergraphField.UnwrapName(f.Type)));
                foreach (var field in input.Fields.Items)
                {
                    field.Directives = StripDirectives(field.Directives);
                }

                break;
        }
    }

    private static GraphQLFieldsDefinition? StripFields(GraphQLFieldsDefinition? fields, LinkedSpecs specs, HashSet<string> typeNames)
    {
        if (fields is null)
        {
            return null;
        }

        fields.Items.RemoveAll(f => specs.IsInaccessible(f.Directives) || !IsKnown(f.Type, typeNames));
        foreach (var field in fields.Items)
        {
            field.Directives = StripDirectives(field.Directives);
            if (field.Arguments is not null)
            {
                field.Arguments.Items.RemoveAll(a => specs.IsInaccessible(a.Directives) || !IsKnown(a.Type, typeNames));
                foreach (var argument in field.Arguments.Items)
                {
                    argument.Directives = StripDirectives(argument.Directives);
                }

                if (field.Arguments.Items.Count == 0)
                {
                    field.Arguments = null;
                }
            }
        }

        return fields;
    }

    private static bool IsKnown(GraphQLType type, HashSet<string> typeNames)
    {
        var name = SupergraphField.UnwrapName(type);
        return BuiltInScalars.Contains(name) || typeNames.Contains(name);
    }

    private static GraphQLImplementsInterfaces? StripInterfaces(GraphQLImplementsInterfaces? interfaces, HashSet<string> typeNames)
    {
        if (interfaces is null)
        {
            return null;
        }

        interfaces.Items.RemoveAll(i => !typeNames.Contains(i.Name.StringValue));
        return interfaces.Items.Count == 0 ? null : interfaces;
    }

    private static GraphQLDirectives? StripDirectives(GraphQLDirectives? directives)
    {
        if (directives is null)
        {
            return null;
        }

        directives.Items.RemoveAll(d => !KeptTypeSystemDirectives.Contains(d.Name.StringValue));
        return directives.Items.Count == 0 ? null : directives;
    }

    private static HashSet<string> Reachable(List<GraphQLTypeDefinition> types, IEnumerable<string?> roots)
    {
        var byName = types.ToDictionary(t => t.Name.StringValue, StringComparer.Ordinal);
        var implementations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var interfaces = type switch
            {
                GraphQLObjectTypeDefinition o => o.Interfaces,
                GraphQLInterfaceTypeDefinition i => i.Interfaces,
                _ => null,
            };
            foreach (var iface in interfaces?.Items ?? [])
            {
                if (!implementations.TryGetValue(iface.Name.StringValue, out var list))
                {
                    list = [];
                    implementations[iface.Name.StringValue] = list;
                }

                list.Add(type.Name.StringValue);
            }
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.OfType<string>().Where(byName.ContainsKey));
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!reachable.Add(name) || !byName.TryGetValue(name, out var type))
            {
                continue;
            }

            void Visit(string next)
            {
                if (byName.ContainsKey(next) && !reachable.Contains(next))
                {
                    pending.Push(next);
                }
            }

            switch (type)
            {
                case GraphQLObjectTypeDefinition o:
                    VisitFields(o.Fields, Visit);
                    foreach (var i in o.Interfaces?.Items ?? [])
                    {
                        Visit(i.Name.StringValue);
                    }

                    break;
                case GraphQLInterfaceTypeDefinition i:
                    VisitFields(i.Fields, Visit);
                    foreach (var impl in implementations.GetValueOrDefault(i.Name.StringValue) ?? [])
                    {
                        Visit(impl);
                    }

                    break;
                case GraphQLUnionTypeDefinition u:
                    foreach (var member in u.Types?.Items ?? [])
                    {
                        Visit(member.Name.StringValue);
                    }

                    break;
                case GraphQLInputObjectTypeDefinition input:
                    foreach (var field in input.Fields?.Items ?? [])
                    {
                        Visit(SupergraphField.UnwrapName(field.Type));
                    }

                    break;
            }
        }

        return reachable;
    }

    private static void VisitFields(GraphQLFieldsDefinition? fields, Action<string> visit)
    {
        foreach (var field in fields?.Items ?? [])
        {
            visit(SupergraphField.UnwrapName(field.Type));
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                visit(SupergraphField.UnwrapName(argument.Type));
            }
        }
    }

    /// <summary>Stands in for subscription resolvers: GraphQL.NET requires one, but the gateway subscribes to subgraphs itself.</summary>
    private sealed class GatewayOwnedStreamResolver : GraphQL.Resolvers.ISourceStreamResolver
    {
        public static readonly GatewayOwnedStreamResolver Instance = new();

        public ValueTask<IObservable<object?>> ResolveAsync(GraphQL.IResolveFieldContext context) =>
            throw new NotSupportedException("Subscriptions are executed by the gateway's plan executor, not by the API schema.");
    }
}
