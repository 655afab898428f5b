using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>
/// Reads one subgraph SDL into a <see cref="SubgraphSchema"/>: resolves federation directive names
/// through <c>@link</c> imports (or Federation 1 names), merges type extensions, renames custom root
/// types to Query/Mutation/Subscription and drops the federation machinery a subgraph may print.
/// </summary>
internal static class SubgraphReader
{
    private static readonly string[] FederationDirectives =
    [
        "key", "external", "requires", "provides", "shareable", "override", "inaccessible", "tag",
        "interfaceObject", "composeDirective", "extends", "authenticated", "requiresScopes", "policy",
        "context", "fromContext", "cost", "listSize",
    ];

    private static readonly HashSet<string> MachineryTypes = new(StringComparer.Ordinal)
    {
        "_Any", "_Entity", "_Service", "_FieldSet", "FieldSet", "federation__FieldSet", "link__Import", "link__Purpose",
        "federation__Scope", "federation__Policy", "federation__ContextFieldValue", "federation__Cost",
    };

    public static readonly HashSet<string> BuiltInScalars = new(StringComparer.Ordinal) { "Int", "Float", "String", "Boolean", "ID" };

    private static readonly Dictionary<string, string> DefaultRootNames = new(StringComparer.Ordinal)
    {
        ["query"] = "Query",
        ["mutation"] = "Mutation",
        ["subscription"] = "Subscription",
    };

    public static SubgraphSchema? Read(SubgraphDefinition definition, List<CompositionError> errors)
    {
        var lineStarts = LineStarts(definition.Sdl);
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(definition.Sdl);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{definition.Name}] Syntax Error: {e.Description}", definition.Name, new SourceLocation(e.Location.Line, e.Location.Column)));
            return null;
        }
        catch (GraphQLParserException e)
        {
            errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{definition.Name}] {e.Description}", definition.Name));
            return null;
        }

        var schemaDirectives = document.Definitions.OfType<GraphQLSchemaDefinition>().SelectMany(s => s.Directives?.Items ?? [])
            .Concat(document.Definitions.OfType<GraphQLSchemaExtension>().SelectMany(s => s.Directives?.Items ?? []))
            .ToList();
        var links = schemaDirectives.Where(d => d.Name.StringValue == "link").Select(ReadLink).ToList();
        var federationLink = links.Find(l => l.Url.Contains("specs.apollo.dev/federation/", StringComparison.Ordinal));
        var isFederation2 = federationLink is not null;
        var names = DirectiveNames(federationLink);

        var subgraph = new SubgraphSchema(definition.Name, definition.Url, isFederation2)
        {
            FederationMinorVersion = FederationMinorVersion(federationLink?.Url),
            Locate = offset => Locate(lineStarts, offset),
        };
        var errorCount = errors.Count;
        var context = new ReadContext(subgraph, names, errors);
        ReadComposedDirectives(document, schemaDirectives, links, context);

        CheckDirectivesAreKnown(document, context);
        foreach (var node in document.Definitions)
        {
            ReadDefinition(node, context);
        }

        ReadRootTypes(document, subgraph);
        subgraph.SchemaDescription = document.Definitions.OfType<GraphQLSchemaDefinition>().Select(d => d.Description?.Value.ToString()).FirstOrDefault(d => d is not null);
        if (!subgraph.Types.TryGetValue("Query", out var query))
        {
            query = new SubgraphType("Query", TypeKind.Object) { HasDefinition = true };
            subgraph.Types["Query"] = query;
        }

        subgraph.RootTypes.TryAdd("query", "Query");
        query.Fields.RemoveAll(f => f.Name is "_entities" or "_service");
        var rootTypes = subgraph.RootTypes.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var type in subgraph.Types.Values.Where(t => !rootTypes.Contains(t.Name)))
        {
            type.IsExtension = (isFederation2 && type.HasExtension && !type.HasDefinition) || type.HasExtendsDirective;
        }

        CheckTypeReferences(subgraph, errors);
        if (!isFederation2)
        {
            UpgradeFederation1(subgraph);
        }
        else
        {
            DropFakeExternals(subgraph);
        }

        return errors.Count > errorCount ? null : subgraph;
    }

    private static int FederationMinorVersion(string? url)
    {
        var marker = url?.LastIndexOf("/v2.", StringComparison.Ordinal) ?? -1;
        return marker >= 0 && int.TryParse(url![(marker + 4)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor) ? minor : 0;
    }

    private sealed record Link(string Url, string? As, List<(string Name, string? Alias)> Imports);

    private sealed record ReadContext(SubgraphSchema Subgraph, Dictionary<string, string> Names, List<CompositionError> Errors)
    {
        /// <summary>Local directive name to the printed name for directives kept by @composeDirective.</summary>
        public Dictionary<string, string> Composed { get; } = new(StringComparer.Ordinal);
    }

    private static readonly HashSet<string> BuiltInDirectives = new(StringComparer.Ordinal) { "deprecated", "specifiedBy", "skip", "include", "oneOf", "link" };

    private static void CheckDirectivesAreKnown(GraphQLDocument document, ReadContext context)
    {
        var defined = document.Definitions.OfType<GraphQLDirectiveDefinition>().Select(d => d.Name.StringValue).ToHashSet(StringComparer.Ordinal);
        foreach (var directive in Applications(document))
        {
            var name = directive.Name.StringValue;
            if (!BuiltInDirectives.Contains(name) && !defined.Contains(name) && !context.Names.ContainsKey(name))
            {
                context.Errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{context.Subgraph.Name}] Unknown directive \"@{name}\".", context.Subgraph.Name, context.Subgraph.LocationOf(directive)));
            }
        }
    }

    private static IEnumerable<GraphQLDirective> Applications(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            foreach (var directive in (definition as IHasDirectivesNode)?.Directives?.Items ?? [])
            {
                yield return directive;
            }

            var fields = definition switch
            {
                GraphQLObjectTypeDefinition o => o.Fields?.Items,
                GraphQLObjectTypeExtension o => o.Fields?.Items,
                GraphQLInterfaceTypeDefinition i => i.Fields?.Items,
                GraphQLInterfaceTypeExtension i => i.Fields?.Items,
                _ => null,
            };
            foreach (var field in fields ?? [])
            {
                foreach (var directive in (field.Directives?.Items ?? []).Concat((field.Arguments?.Items ?? []).SelectMany(a => a.Directives?.Items ?? [])))
                {
                    yield return directive;
                }
            }

            var inputFields = definition switch
            {
                GraphQLInputObjectTypeDefinition i => i.Fields?.Items,
                GraphQLInputObjectTypeExtension i => i.Fields?.Items,
                _ => null,
            };
            var values = definition switch
            {
                GraphQLEnumTypeDefinition e => e.Values?.Items.Select(v => v.Directives),
                GraphQLEnumTypeExtension e => e.Values?.Items.Select(v => v.Directives),
                _ => null,
            };
            foreach (var directive in (inputFields ?? []).SelectMany(f => f.Directives?.Items ?? []).Concat((values ?? []).SelectMany(d => d?.Items ?? [])))
            {
                yield return directive;
            }
        }
    }

    private static Link ReadLink(GraphQLDirective directive)
    {
        string url = "";
        string? alias = null;
        var imports = new List<(string, string?)>();
        foreach (var argument in directive.Arguments?.Items ?? [])
        {
            switch (argument.Name.StringValue)
            {
                case "url" when argument.Value is GraphQLStringValue s:
                    url = s.Value.ToString();
                    break;
                case "as" when argument.Value is GraphQLStringValue s:
                    alias = s.Value.ToString();
                    break;
                case "import" when argument.Value is GraphQLListValue list:
                    foreach (var item in list.Values ?? [])
                    {
                        if (item is GraphQLStringValue name)
                        {
                            imports.Add((name.Value.ToString(), null));
                        }
                        else if (item is GraphQLObjectValue obj)
                        {
                            var importName = obj.Fields?.Find(f => f.Name.StringValue == "name")?.Value as GraphQLStringValue;
                            var importAlias = obj.Fields?.Find(f => f.Name.StringValue == "as")?.Value as GraphQLStringValue;
                            if (importName is not null)
                            {
                                imports.Add((importName.Value.ToString(), importAlias?.Value.ToString()));
                            }
                        }
                    }

                    break;
            }
        }

        return new Link(url, alias, imports);
    }

    private static Dictionary<string, string> DirectiveNames(Link? federationLink)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (federationLink is null)
        {
            foreach (var name in FederationDirectives)
            {
                names[name] = name;
            }

            return names;
        }

        var prefix = federationLink.As ?? "federation";
        foreach (var name in FederationDirectives)
        {
            names[prefix + "__" + name] = name;
        }

        foreach (var (name, alias) in federationLink.Imports)
        {
            if (name.StartsWith('@'))
            {
                names[(alias ?? name)[1..]] = name[1..];
            }
        }

        return names;
    }

    private static void ReadComposedDirectives(GraphQLDocument document, List<GraphQLDirective> schemaDirectives, List<Link> links, ReadContext context)
    {
        foreach (var directive in schemaDirectives)
        {
            if (!context.Names.TryGetValue(directive.Name.StringValue, out var canonical) || canonical != "composeDirective")
            {
                continue;
            }

            var nameArgument = directive.Arguments?.Items.Find(a => a.Name.StringValue == "name")?.Value as GraphQLStringValue;
            var name = nameArgument?.Value.ToString().TrimStart('@');
            var definitionNode = document.Definitions.OfType<GraphQLDirectiveDefinition>().FirstOrDefault(d => d.Name.StringValue == name);
            if (name is null || definitionNode is null)
            {
                context.Errors.Add(new CompositionError(ErrorCodes.DirectiveDefinitionInvalid, $"[{context.Subgraph.Name}] Could not find the definition of composed directive \"@{name}\"", context.Subgraph.Name, context.Subgraph.LocationOf(directive)));
                continue;
            }

            var link = links.Find(l => l.Imports.Exists(i => (i.Alias ?? i.Name) == "@" + name));
            var import = link?.Imports.Find(i => (i.Alias ?? i.Name) == "@" + name);
            context.Composed[name] = name;
            var locations = (definitionNode.Locations?.Items ?? []).Select(l => LocationName(l)).ToHashSet(StringComparer.Ordinal);
            context.Subgraph.ComposedDirectives.Add(new ComposedDirective(name, link?.Url, import?.Name, PrintDirectiveDefinition(definitionNode), definitionNode.Description?.Value.ToString(), locations));
        }
    }

    private static string LocationName(DirectiveLocation location) => location switch
    {
        DirectiveLocation.FieldDefinition => "FIELD_DEFINITION",
        DirectiveLocation.ArgumentDefinition => "ARGUMENT_DEFINITION",
        DirectiveLocation.EnumValue => "ENUM_VALUE",
        DirectiveLocation.InputFieldDefinition => "INPUT_FIELD_DEFINITION",
        DirectiveLocation.InputObject => "INPUT_OBJECT",
        DirectiveLocation.FragmentDefinition => "FRAGMENT_DEFINITION",
        DirectiveLocation.FragmentSpread => "FRAGMENT_SPREAD",
        DirectiveLocation.InlineFragment => "INLINE_FRAGMENT",
        DirectiveLocation.VariableDefinition => "VARIABLE_DEFINITION",
        _ => location.ToString().ToUpperInvariant(),
    };

    private static string PrintDirectiveDefinition(GraphQLDirectiveDefinition definition)
    {
        var arguments = definition.Arguments?.Items ?? [];
        var printedArguments = arguments.Count == 0
            ? ""
            : "(" + string.Join(", ", arguments.Select(a => a.Name.StringValue + ": " + TypeReference.From(a.Type) + (a.DefaultValue is null ? "" : " = " + ValuePrinter.Print(a.DefaultValue)))) + ")";
        var locations = string.Join(" | ", (definition.Locations?.Items ?? []).Select(LocationName));
        return $"directive @{definition.Name.StringValue}{printedArguments}{(definition.Repeatable ? " repeatable" : "")} on {locations}";
    }

    private static void ReadDefinition(ASTNode node, ReadContext context)
    {
        switch (node)
        {
            case GraphQLObjectTypeDefinition o:
                ReadComposite(o, TypeKind.Object, o.Name, o.Description, o.Interfaces, o.Directives, o.Fields, isExtension: false, context);
                break;
            case GraphQLObjectTypeExtension o:
                ReadComposite(o, TypeKind.Object, o.Name, null, o.Interfaces, o.Directives, o.Fields, isExtension: true, context);
                break;
            case GraphQLInterfaceTypeDefinition i:
                ReadComposite(i, TypeKind.Interface, i.Name, i.Description, i.Interfaces, i.Directives, i.Fields, isExtension: false, context);
                break;
            case GraphQLInterfaceTypeExtension i:
                ReadComposite(i, TypeKind.Interface, i.Name, null, i.Interfaces, i.Directives, i.Fields, isExtension: true, context);
                break;
            case GraphQLUnionTypeDefinition u:
                ReadUnion(u, u.Name, u.Description, u.Directives, u.Types, isExtension: false, context);
                break;
            case GraphQLUnionTypeExtension u:
                ReadUnion(u, u.Name, null, u.Directives, u.Types, isExtension: true, context);
                break;
            case GraphQLEnumTypeDefinition e:
                ReadEnum(e, e.Name, e.Description, e.Directives, e.Values, isExtension: false, context);
                break;
            case GraphQLEnumTypeExtension e:
                ReadEnum(e, e.Name, null, e.Directives, e.Values, isExtension: true, context);
                break;
            case GraphQLInputObjectTypeDefinition input:
                ReadInput(input, input.Name, input.Description, input.Directives, input.Fields, isExtension: false, context);
                break;
            case GraphQLInputObjectTypeExtension input:
                ReadInput(input, input.Name, null, input.Directives, input.Fields, isExtension: true, context);
                break;
            case GraphQLScalarTypeDefinition scalar:
                StartType(scalar, TypeKind.Scalar, scalar.Name, scalar.Description, scalar.Directives, isExtension: false, context);
                break;
            case GraphQLScalarTypeExtension scalar:
                StartType(scalar, TypeKind.Scalar, scalar.Name, null, scalar.Directives, isExtension: true, context);
                break;
        }
    }

    private static SubgraphType? StartType(ASTNode node, TypeKind kind, GraphQLName name, GraphQLDescription? description, GraphQLDirectives? directives, bool isExtension, ReadContext context)
    {
        var typeName = name.StringValue;
        if (MachineryTypes.Contains(typeName))
        {
            return null;
        }

        if (!context.Subgraph.Types.TryGetValue(typeName, out var type))
        {
            type = new SubgraphType(typeName, kind) { Node = node };
            context.Subgraph.Types[typeName] = type;
        }
        else if (type.Kind != kind)
        {
            context.Errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{context.Subgraph.Name}] Type \"{typeName}\" is defined with different kinds", context.Subgraph.Name, context.Subgraph.LocationOf(node)));
            return null;
        }

        if (isExtension)
        {
            type.HasExtension = true;
        }
        else
        {
            type.HasDefinition = true;
        }

        if (description is not null)
        {
            type.Description ??= description.Value.ToString();
        }

        foreach (var directive in directives?.Items ?? [])
        {
            var local = directive.Name.StringValue;
            switch (Canonical(local, context))
            {
                case "key":
                    var fields = StringArgument(directive, "fields") ?? "";
                    var resolvable = directive.Arguments?.Items.Find(a => a.Name.StringValue == "resolvable")?.Value is not GraphQLBooleanValue { BoolValue: false };
                    type.Keys.Add(new KeyDirective(fields, resolvable, directive, isExtension));
                    break;
                case "shareable":
                    type.Shareable = true;
                    break;
                case "inaccessible":
                    type.Inaccessible = true;
                    break;
                case "interfaceObject":
                    type.InterfaceObject = true;
                    break;
                case "extends":
                    type.HasExtendsDirective = true;
                    break;
                case "tag":
                    type.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "tag"));
                    break;
                case "specifiedBy":
                    type.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "specifiedBy"));
                    break;
                case "authenticated" or "requiresScopes" or "policy":
                    type.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, Canonical(local, context)!));
                    break;
                case "context":
                    type.Contexts.Add(StringArgument(directive, "name") ?? "");
                    break;
                case "cost":
                    type.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "cost"));
                    break;
                case "fromContext" or "listSize":
                    Unsupported(directive, local, context);
                    break;
                case "external":
                    // Federation 2 allows @external on a type as shorthand for all its fields.
                    type.OtherDirectives.Add("@external");
                    break;
                case null when context.Composed.ContainsKey(local):
                    type.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, context.Composed[local]));
                    break;
            }
        }

        return type;
    }

    private static string? Canonical(string local, ReadContext context)
    {
        if (local is "deprecated" or "specifiedBy")
        {
            return local;
        }

        if (!context.Names.TryGetValue(local, out var canonical))
        {
            return null;
        }

        if (canonical == "tag")
        {
            context.Subgraph.TagName ??= local;
        }
        else if (canonical == "inaccessible")
        {
            context.Subgraph.InaccessibleName ??= local;
        }
        else if (canonical is "authenticated" or "requiresScopes" or "policy")
        {
            context.Subgraph.AccessNames.TryAdd(canonical, local);
        }

        return canonical;
    }

    /// <summary>Directives whose supergraph encoding this composer does not write are refused rather than dropped.</summary>
    private static void Unsupported(GraphQLDirective directive, string local, ReadContext context) =>
        context.Errors.Add(new CompositionError(
            ErrorCodes.UnsupportedFeature,
            $"[{context.Subgraph.Name}] @{local} is not supported by this composer at this location",
            context.Subgraph.Name,
            context.Subgraph.LocationOf(directive)));

    private static string? StringArgument(GraphQLDirective directive, string name) =>
        (directive.Arguments?.Items.Find(a => a.Name.StringValue == name)?.Value as GraphQLStringValue)?.Value.ToString();

    private static void ReadComposite(ASTNode node, TypeKind kind, GraphQLName name, GraphQLDescription? description, GraphQLImplementsInterfaces? interfaces, GraphQLDirectives? directives, GraphQLFieldsDefinition? fields, bool isExtension, ReadContext context)
    {
        var type = StartType(node, kind, name, description, directives, isExtension, context);
        if (type is null)
        {
            return;
        }

        var typeExternal = type.OtherDirectives.Remove("@external");
        foreach (var item in interfaces?.Items ?? [])
        {
            if (!type.Interfaces.Contains(item.Name.StringValue))
            {
                type.Interfaces.Add(item.Name.StringValue);
            }
        }

        foreach (var fieldNode in fields?.Items ?? [])
        {
            var field = new SubgraphField(fieldNode.Name.StringValue, TypeReference.From(fieldNode.Type))
            {
                Description = fieldNode.Description?.Value.ToString(),
                Node = fieldNode,
                External = typeExternal,
            };
            if (type.Field(field.Name) is not null)
            {
                context.Errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{context.Subgraph.Name}] Field \"{type.Name}.{field.Name}\" can only be defined once.", context.Subgraph.Name, context.Subgraph.LocationOf(fieldNode)));
                continue;
            }

            foreach (var argumentNode in fieldNode.Arguments?.Items ?? [])
            {
                field.Arguments.Add(ReadArgument(argumentNode, context));
            }

            foreach (var directive in fieldNode.Directives?.Items ?? [])
            {
                var local = directive.Name.StringValue;
                switch (Canonical(local, context))
                {
                    case "external":
                        field.External = true;
                        break;
                    case "requires":
                        field.Requires = StringArgument(directive, "fields");
                        break;
                    case "provides":
                        field.Provides = StringArgument(directive, "fields");
                        break;
                    case "override":
                        field.OverrideFrom = StringArgument(directive, "from");
                        field.OverrideLabel = StringArgument(directive, "label");
                        break;
                    case "authenticated" or "requiresScopes" or "policy":
                        field.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, Canonical(local, context)!));
                        break;
                    case "cost" or "listSize":
                        field.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, Canonical(local, context)!));
                        break;
                    case "context" or "fromContext":
                        Unsupported(directive, local, context);
                        break;
                    case "shareable":
                        field.Shareable = true;
                        break;
                    case "inaccessible":
                        field.Inaccessible = true;
                        break;
                    case "tag":
                        field.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "tag"));
                        break;
                    case "deprecated":
                        field.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "deprecated"));
                        break;
                    case null when context.Composed.ContainsKey(local):
                        field.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, context.Composed[local]));
                        break;
                }
            }

            type.Fields.Add(field);
        }
    }

    private static SubgraphArgument ReadArgument(GraphQLInputValueDefinition node, ReadContext context)
    {
        var argument = new SubgraphArgument(node.Name.StringValue, TypeReference.From(node.Type))
        {
            Description = node.Description?.Value.ToString(),
            DefaultValue = node.DefaultValue is null ? null : ValuePrinter.Print(node.DefaultValue),
        };
        foreach (var directive in node.Directives?.Items ?? [])
        {
            var local = directive.Name.StringValue;
            switch (Canonical(local, context))
            {
                case "fromContext":
                    argument.FromContext = StringArgument(directive, "field") ?? "";
                    argument.Node = node;
                    break;
                case "cost":
                    argument.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "cost"));
                    break;
                case "context" or "listSize":
                    Unsupported(directive, local, context);
                    break;
                case "inaccessible":
                    argument.Inaccessible = true;
                    break;
                case "tag":
                    argument.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "tag"));
                    break;
                case "deprecated":
                    argument.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "deprecated"));
                    break;
                case null when context.Composed.ContainsKey(local):
                    argument.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, context.Composed[local]));
                    break;
            }
        }

        return argument;
    }

    private static void ReadUnion(ASTNode node, GraphQLName name, GraphQLDescription? description, GraphQLDirectives? directives, GraphQLUnionMemberTypes? members, bool isExtension, ReadContext context)
    {
        var type = StartType(node, TypeKind.Union, name, description, directives, isExtension, context);
        if (type is null)
        {
            return;
        }

        foreach (var member in members?.Items ?? [])
        {
            if (!type.UnionMembers.Contains(member.Name.StringValue))
            {
                type.UnionMembers.Add(member.Name.StringValue);
            }
        }
    }

    private static void ReadEnum(ASTNode node, GraphQLName name, GraphQLDescription? description, GraphQLDirectives? directives, GraphQLEnumValuesDefinition? values, bool isExtension, ReadContext context)
    {
        var type = StartType(node, TypeKind.Enum, name, description, directives, isExtension, context);
        if (type is null)
        {
            return;
        }

        foreach (var valueNode in values?.Items ?? [])
        {
            var value = new SubgraphEnumValue(valueNode.Name.StringValue) { Description = valueNode.Description?.Value.ToString() };
            foreach (var directive in valueNode.Directives?.Items ?? [])
            {
                var local = directive.Name.StringValue;
                switch (Canonical(local, context))
                {
                    case "inaccessible":
                        value.Inaccessible = true;
                        break;
                    case "tag":
                        value.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "tag"));
                        break;
                    case "deprecated":
                        value.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, "deprecated"));
                        break;
                    case null when context.Composed.ContainsKey(local):
                        value.OtherDirectives.Add(ValuePrinter.PrintDirective(directive, context.Composed[local]));
                        break;
                }
            }

            type.EnumValues.Add(value);
        }
    }

    private static void ReadInput(ASTNode node, GraphQLName name, GraphQLDescription? description, GraphQLDirectives? directives, GraphQLInputFieldsDefinition? fields, bool isExtension, ReadContext context)
    {
        var type = StartType(node, TypeKind.InputObject, name, description, directives, isExtension, context);
        if (type is null)
        {
            return;
        }

        foreach (var fieldNode in fields?.Items ?? [])
        {
            var argument = ReadArgument(fieldNode, context);
            var field = new SubgraphField(argument.Name, argument.Type)
            {
                Description = argument.Description,
                DefaultValue = argument.DefaultValue,
                Inaccessible = argument.Inaccessible,
                Node = fieldNode,
            };
            field.OtherDirectives.AddRange(argument.OtherDirectives);
            type.Fields.Add(field);
        }
    }

    private static void ReadRootTypes(GraphQLDocument document, SubgraphSchema subgraph)
    {
        var operations = document.Definitions.OfType<GraphQLSchemaDefinition>().SelectMany(s => s.OperationTypes)
            .Concat(document.Definitions.OfType<GraphQLSchemaExtension>().SelectMany(s => s.OperationTypes ?? []));
        foreach (var operation in operations)
        {
            var key = operation.Operation.ToString().ToLowerInvariant();
            var typeName = operation.Type!.Name.StringValue;
            var defaultName = DefaultRootNames[key];
            if (typeName != defaultName && subgraph.Types.TryGetValue(typeName, out var type))
            {
                RenameType(subgraph, type, defaultName);
            }

            subgraph.RootTypes[key] = defaultName;
        }

        foreach (var (key, name) in DefaultRootNames)
        {
            if (subgraph.Types.ContainsKey(name))
            {
                subgraph.RootTypes.TryAdd(key, name);
            }
        }
    }

    private static void RenameType(SubgraphSchema subgraph, SubgraphType type, string newName)
    {
        var oldName = type.Name;
        subgraph.Types.Remove(oldName);
        type.Name = newName;
        subgraph.Types[newName] = type;
        foreach (var other in subgraph.Types.Values)
        {
            foreach (var field in other.Fields)
            {
                field.Type = field.Type.Rename(oldName, newName);
                foreach (var argument in field.Arguments)
                {
                    argument.Type = argument.Type.Rename(oldName, newName);
                }
            }
        }
    }

    private static void CheckTypeReferences(SubgraphSchema subgraph, List<CompositionError> errors)
    {
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var field in type.Fields)
            {
                Check(field.Type, field.Node);
                foreach (var argument in field.Arguments)
                {
                    Check(argument.Type, field.Node);
                }
            }

            foreach (var member in type.UnionMembers.Concat(type.Interfaces))
            {
                Check(TypeReference.Named(member), type.Node);
            }

            foreach (var member in type.UnionMembers)
            {
                if (subgraph.Types.TryGetValue(member, out var memberType) && memberType.Kind != TypeKind.Object)
                {
                    errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{subgraph.Name}] Cannot add non-object type {member} (of type {memberType.Kind}Type) as member of union type {type.Name}", subgraph.Name, subgraph.LocationOf(type.Node)));
                }
            }

            foreach (var interfaceName in type.Interfaces)
            {
                if (!subgraph.Types.TryGetValue(interfaceName, out var itf))
                {
                    continue;
                }

                if (itf.Kind != TypeKind.Interface)
                {
                    errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{subgraph.Name}] Type {type.Name} must only implement Interface types, it cannot implement {interfaceName}.", subgraph.Name, subgraph.LocationOf(type.Node)));
                    continue;
                }

                foreach (var field in itf.Fields.Where(f => type.Field(f.Name) is null))
                {
                    errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{subgraph.Name}] Interface field {interfaceName}.{field.Name} expected but {type.Name} does not provide it.", subgraph.Name, subgraph.LocationOf(type.Node)));
                }
            }
        }

        void Check(TypeReference reference, ASTNode? node)
        {
            var name = reference.NamedType;
            if (!BuiltInScalars.Contains(name) && !subgraph.Types.ContainsKey(name) && name != "_Any" && name != "FieldSet")
            {
                errors.Add(new CompositionError(ErrorCodes.InvalidGraphQL, $"[{subgraph.Name}] Unknown type {name}", subgraph.Name, subgraph.LocationOf(node)));
            }
        }
    }

    /// <summary>
    /// Federation 1 subgraphs carry implicit meaning that Federation 2 spells out: every field may be
    /// resolved by several subgraphs, and @external on a key field of an extension only restates the key.
    /// </summary>
    private static void UpgradeFederation1(SubgraphSchema subgraph)
    {
        foreach (var type in subgraph.Types.Values)
        {
            if (type.Kind is not (TypeKind.Object or TypeKind.Interface))
            {
                continue;
            }

            var keyFields = type.Keys.SelectMany(k => FieldSet.TryParse(k.Fields)?.Select(s => s.Name) ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var field in type.Fields)
            {
                field.Shareable = true;
                if (field.External && keyFields.Contains(field.Name))
                {
                    field.External = false;
                }
            }
        }

        var used = ExternalUsage.UsedExternals(subgraph);
        foreach (var type in subgraph.Types.Values)
        {
            type.Fields.RemoveAll(f => f.External && !used.Contains((type.Name, f.Name)));
        }
    }

    /// <summary>
    /// @external on the key fields of an extension (<c>extend type</c> or <c>@extends</c>) is Federation 1's way of
    /// restating the key: Apollo does not consider those fields external, so the subgraph resolves them.
    /// </summary>
    private static void DropFakeExternals(SubgraphSchema subgraph)
    {
        foreach (var type in subgraph.Types.Values.Where(t => t.Kind is TypeKind.Object or TypeKind.Interface))
        {
            foreach (var key in type.Keys.Where(k => k.OnExtension || type.HasExtendsDirective))
            {
                foreach (var (typeName, fieldName) in ExternalUsage.Targets(subgraph, type.Name, key.Fields))
                {
                    if (subgraph.Types[typeName].Field(fieldName) is { External: true } field)
                    {
                        field.External = false;
                    }
                }
            }
        }
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static SourceLocation Locate(int[] lineStarts, int offset)
    {
        var index = Array.BinarySearch(lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new SourceLocation(line + 1, offset - lineStarts[line] + 1);
    }
}
