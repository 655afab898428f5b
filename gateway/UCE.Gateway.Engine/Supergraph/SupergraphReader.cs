using System.Globalization;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace UCE.Gateway.Engine.Supergraph;

/// <summary>Reads the join and link metadata of a supergraph SDL into <see cref="SupergraphType"/>s.</summary>
internal sealed class SupergraphReader
{
    private readonly GraphQLDocument _document;
    private readonly Dictionary<string, string> _graphNameByEnumValue = new(StringComparer.Ordinal);

    private SupergraphReader(GraphQLDocument document, LinkedSpecs specs)
    {
        _document = document;
        Specs = specs;
    }

    public LinkedSpecs Specs { get; }

    public List<SubgraphInfo> Subgraphs { get; } = [];

    public Dictionary<string, SupergraphType> Types { get; } = new(StringComparer.Ordinal);

    public string QueryType { get; private set; } = "Query";

    public string? MutationType { get; private set; }

    public string? SubscriptionType { get; private set; }

    public static GraphQLDocument ParseDocument(string sdl)
    {
        if (string.IsNullOrWhiteSpace(sdl))
        {
            throw new SupergraphException(SupergraphException.SyntaxError, "The supergraph SDL is empty.");
        }

        try
        {
            return Parser.Parse(sdl, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            throw new SupergraphException(SupergraphException.SyntaxError, "The supergraph SDL is not valid GraphQL: " + ex.Message, ex);
        }
    }

    public static SupergraphReader Read(GraphQLDocument document)
    {
        var reader = new SupergraphReader(document, LinkedSpecs.Read(document));
        reader.ReadRootTypes();
        reader.ReadGraphs();
        reader.ReadTypes();
        return reader;
    }

    private void ReadRootTypes()
    {
        var explicitRoots = false;
        foreach (var definition in _document.Definitions)
        {
            var operationTypes = definition switch
            {
                GraphQLSchemaDefinition schema => schema.OperationTypes,
                GraphQLSchemaExtension extension => extension.OperationTypes,
                _ => null,
            };
            foreach (var operationType in operationTypes ?? [])
            {
                explicitRoots = true;
                var name = operationType.Type!.Name.StringValue;
                switch (operationType.Operation)
                {
                    case OperationType.Query: QueryType = name; break;
                    case OperationType.Mutation: MutationType = name; break;
                    case OperationType.Subscription: SubscriptionType = name; break;
                }
            }
        }

        if (!explicitRoots)
        {
            var names = _document.Definitions.OfType<GraphQLObjectTypeDefinition>().Select(d => d.Name.StringValue).ToHashSet();
            MutationType = names.Contains("Mutation") ? "Mutation" : null;
            SubscriptionType = names.Contains("Subscription") ? "Subscription" : null;
        }
    }

    private void ReadGraphs()
    {
        var graphEnumName = Specs.JoinName("Graph");
        var graphEnum = _document.Definitions.OfType<GraphQLEnumTypeDefinition>()
            .FirstOrDefault(e => e.Name.StringValue == graphEnumName)
            ?? throw new SupergraphException(SupergraphException.InvalidJoinMetadata, $"The supergraph has no '{graphEnumName}' enum listing its subgraphs.");
        var graphDirective = Specs.JoinName("graph");
        foreach (var value in graphEnum.Values?.Items ?? [])
        {
            var enumValue = value.Name.StringValue;
            var directive = value.Directives?.Items.FirstOrDefault(d => d.Name.StringValue == graphDirective);
            var name = directive is null ? enumValue.ToLowerInvariant() : StringArgument(directive, "name") ?? enumValue.ToLowerInvariant();
            var url = directive is null ? string.Empty : StringArgument(directive, "url") ?? string.Empty;
            _graphNameByEnumValue[enumValue] = name;
            Subgraphs.Add(new SubgraphInfo(name, enumValue, url));
        }

        if (Subgraphs.Count == 0)
        {
            throw new SupergraphException(SupergraphException.InvalidJoinMetadata, $"The '{graphEnumName}' enum lists no subgraphs.");
        }
    }

    private void ReadTypes()
    {
        foreach (var definition in _document.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition obj:
                    ReadComposite(obj.Name.StringValue, SupergraphTypeKind.Object, obj.Directives, obj.Interfaces, obj.Fields);
                    break;
                case GraphQLInterfaceTypeDefinition iface:
                    ReadComposite(iface.Name.StringValue, SupergraphTypeKind.Interface, iface.Directives, iface.Interfaces, iface.Fields);
                    break;
                case GraphQLUnionTypeDefinition union:
                    {
                        var type = NewType(union.Name.StringValue, SupergraphTypeKind.Union, union.Directives);
                        foreach (var member in union.Types?.Items ?? [])
                        {
                            type.UnionMemberList.Add(member.Name.StringValue);
                        }

                        foreach (var directive in Directives(union.Directives, Specs.JoinName("unionMember")))
                        {
                            var graph = GraphArgument(directive, true)!;
                            var member = StringArgument(directive, "member") ?? throw Invalid($"@join__unionMember on '{type.Name}' has no member.");
                            Set(type.MembersByGraph, graph).Add(member);
                        }

                        break;
                    }

                case GraphQLEnumTypeDefinition enumType when !Specs.IsSpecType(enumType.Name.StringValue):
                    NewType(enumType.Name.StringValue, SupergraphTypeKind.Enum, enumType.Directives);
                    break;
                case GraphQLScalarTypeDefinition scalar when !Specs.IsSpecType(scalar.Name.StringValue):
                    NewType(scalar.Name.StringValue, SupergraphTypeKind.Scalar, scalar.Directives);
                    break;
                case GraphQLInputObjectTypeDefinition input when !Specs.IsSpecType(input.Name.StringValue):
                    {
                        var type = NewType(input.Name.StringValue, SupergraphTypeKind.InputObject, input.Directives);
                        foreach (var field in input.Fields?.Items ?? [])
                        {
                            type.AddField(new SupergraphField(field.Name.StringValue, field.Type) { IsInaccessible = Specs.IsInaccessible(field.Directives) });
                        }

                        break;
                    }
            }
        }
    }

    private void ReadComposite(string name, SupergraphTypeKind kind, GraphQLDirectives? directives, GraphQLImplementsInterfaces? interfaces, GraphQLFieldsDefinition? fields)
    {
        var type = NewType(name, kind, directives);
        foreach (var iface in interfaces?.Items ?? [])
        {
            type.InterfaceList.Add(iface.Name.StringValue);
        }

        foreach (var directive in Directives(directives, Specs.JoinName("implements")))
        {
            var graph = GraphArgument(directive, true)!;
            var iface = StringArgument(directive, "interface") ?? throw Invalid($"@join__implements on '{name}' has no interface.");
            Set(type.ImplementsByGraph, graph).Add(iface);
        }

        foreach (var fieldDefinition in fields?.Items ?? [])
        {
            var field = new SupergraphField(fieldDefinition.Name.StringValue, fieldDefinition.Type)
            {
                IsInaccessible = Specs.IsInaccessible(fieldDefinition.Directives),
                Access = ReadAccessRule(fieldDefinition.Directives),
            };
            foreach (var directive in Directives(fieldDefinition.Directives, Specs.JoinName("field")))
            {
                var requires = StringArgument(directive, "requires");
                var provides = StringArgument(directive, "provides");
                field.JoinFieldList.Add(new FieldInGraph
                {
                    Graph = GraphArgument(directive, false),
                    External = BoolArgument(directive, "external"),
                    UsedOverridden = BoolArgument(directive, "usedOverridden"),
                    OverrideFrom = StringArgument(directive, "override"),
                    OverrideLabel = StringArgument(directive, "overrideLabel"),
                    Requires = requires is null ? null : ParseFieldSet(requires, $"{name}.{field.Name} requires"),
                    RequiresText = requires,
                    Provides = provides is null ? null : ParseFieldSet(provides, $"{name}.{field.Name} provides"),
                    ProvidesText = provides,
                    TypeInGraph = StringArgument(directive, "type"),
                    ContextArguments = ReadContextArguments(directive, $"{name}.{field.Name}"),
                });
            }

            type.AddField(field);
        }
    }

    /// <summary>The <c>contextArguments</c> of a <c>@join__field</c> (join v0.5): arguments the gateway fills from an ancestor's context.</summary>
    private List<ContextArgument> ReadContextArguments(GraphQLDirective directive, string what)
    {
        if (directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "contextArguments")?.Value is not GraphQLListValue list)
        {
            return [];
        }

        var result = new List<ContextArgument>();
        foreach (var item in list.Values ?? [])
        {
            if (item is not GraphQLObjectValue value)
            {
                throw Invalid($"A context argument of {what} is not an object.");
            }

            string? Field(string field) => (value.Fields?.FirstOrDefault(f => f.Name.StringValue == field)?.Value as GraphQLStringValue)?.Value.ToString();
            var context = Field("context") ?? throw Invalid($"A context argument of {what} names no context.");
            var argument = Field("name") ?? throw Invalid($"A context argument of {what} has no name.");
            var selection = Field("selection") ?? throw Invalid($"A context argument of {what} has no selection.");
            result.Add(new ContextArgument(context, argument, Field("type") ?? "String", ParseFieldSet(selection.Trim().TrimStart('{').TrimEnd('}'), $"{what} context argument {argument}")));
        }

        return result;
    }

    private SupergraphType NewType(string name, SupergraphTypeKind kind, GraphQLDirectives? directives)
    {
        var type = new SupergraphType(name, kind) { IsInaccessible = Specs.IsInaccessible(directives), Access = ReadAccessRule(directives) };
        if (Specs.ContextDirective is { } contextDirective)
        {
            foreach (var context in Directives(directives, contextDirective))
            {
                type.ContextList.Add(StringArgument(context, "name") ?? throw Invalid($"@{contextDirective} on '{name}' has no name."));
            }
        }

        foreach (var directive in Directives(directives, Specs.JoinName("type")))
        {
            var graph = GraphArgument(directive, true)!;
            if (!type.GraphMap.TryGetValue(graph, out var inGraph))
            {
                inGraph = new TypeInGraph(graph);
                type.GraphMap[graph] = inGraph;
            }

            inGraph.IsInterfaceObject |= BoolArgument(directive, "isInterfaceObject");
            inGraph.IsExtension |= BoolArgument(directive, "extension");
            var key = StringArgument(directive, "key");
            if (key is not null)
            {
                var resolvable = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "resolvable")?.Value is not GraphQLBooleanValue { BoolValue: false };
                inGraph.KeyList.Add(new EntityKey(key, ParseFieldSet(key, $"{name} key"), resolvable));
            }
        }

        var owner = Directives(directives, Specs.JoinName("owner")).FirstOrDefault();
        if (owner is not null)
        {
            type.OwnerGraph = GraphArgument(owner, true);
        }

        Types[name] = type;
        return type;
    }

    /// <summary>The <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c> applications on an element, as one rule.</summary>
    private Authorization.AccessRule? ReadAccessRule(GraphQLDirectives? directives)
    {
        if (directives is null || Specs.AccessDirectives.Count == 0)
        {
            return null;
        }

        var authenticated = false;
        List<IReadOnlyList<IReadOnlyList<string>>>? scopes = null;
        List<IReadOnlyList<IReadOnlyList<string>>>? policies = null;
        foreach (var directive in directives.Items)
        {
            switch (Specs.AccessDirectives.GetValueOrDefault(directive.Name.StringValue))
            {
                case "authenticated":
                    authenticated = true;
                    break;
                case "requiresScopes":
                    (scopes ??= []).Add(Alternatives(directive, "scopes"));
                    break;
                case "policy":
                    (policies ??= []).Add(Alternatives(directive, "policies"));
                    break;
            }
        }

        return authenticated || scopes is not null || policies is not null
            ? new Authorization.AccessRule(authenticated, scopes ?? [], policies ?? [])
            : null;
    }

    private static List<IReadOnlyList<string>> Alternatives(GraphQLDirective directive, string argument)
    {
        var value = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == argument)?.Value
            ?? throw Invalid($"@{directive.Name.StringValue} has no {argument} argument.");
        if (value is not GraphQLListValue outer)
        {
            throw Invalid($"@{directive.Name.StringValue}({argument}:) is not a list of lists of strings.");
        }

        var alternatives = new List<IReadOnlyList<string>>();
        foreach (var item in outer.Values ?? [])
        {
            // A single value where a list is expected is coerced to a one-item list, as GraphQL input coercion does.
            var set = item switch
            {
                GraphQLListValue inner => (inner.Values ?? []).Select(v => v is GraphQLStringValue s ? s.Value.ToString() : throw Invalid($"@{directive.Name.StringValue}({argument}:) holds a value that is not a string.")).ToList(),
                GraphQLStringValue single => [single.Value.ToString()],
                _ => throw Invalid($"@{directive.Name.StringValue}({argument}:) is not a list of lists of strings."),
            };
            alternatives.Add(set);
        }

        return alternatives;
    }

    private string? GraphArgument(GraphQLDirective directive, bool required)
    {
        var value = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "graph")?.Value;
        if (value is GraphQLEnumValue enumValue)
        {
            var key = enumValue.Name.StringValue;
            return _graphNameByEnumValue.TryGetValue(key, out var name)
                ? name
                : throw Invalid($"@{directive.Name.StringValue} names graph '{key}', which the join__Graph enum does not list.");
        }

        return required ? throw Invalid($"@{directive.Name.StringValue} has no graph argument.") : null;
    }

    internal static GraphQLSelectionSet ParseFieldSet(string fieldSet, string where)
    {
        try
        {
            var document = Parser.Parse("{" + fieldSet + "}", new ParserOptions { Ignore = IgnoreOptions.All });
            return ((GraphQLOperationDefinition)document.Definitions[0]).SelectionSet;
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            throw new SupergraphException(SupergraphException.InvalidJoinMetadata, $"The field set of {where} is not valid: \"{fieldSet}\".", ex);
        }
    }

    private static IEnumerable<GraphQLDirective> Directives(GraphQLDirectives? directives, string name) =>
        directives?.Items.Where(d => d.Name.StringValue == name) ?? [];

    internal static string? StringArgument(GraphQLDirective directive, string name) =>
        directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value switch
        {
            GraphQLStringValue s => s.Value.ToString(),
            GraphQLEnumValue e => e.Name.StringValue,
            _ => null,
        };

    private static bool BoolArgument(GraphQLDirective directive, string name) =>
        directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value is GraphQLBooleanValue { BoolValue: true };

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        return set;
    }

    private static SupergraphException Invalid(string message) => new(SupergraphException.InvalidJoinMetadata, message);
}

/// <summary>The specs a supergraph links (<c>@link</c> or the older <c>@core</c>) and the names they go by.</summary>
internal sealed class LinkedSpecs
{
    private const string SpecPrefix = "https://specs.apollo.dev/";
    private readonly HashSet<string> _specNamespaces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _specDirectives = new(StringComparer.Ordinal);

    public string JoinPrefix { get; private set; } = "join";

    public string JoinVersion { get; private set; } = string.Empty;

    public string InaccessibleDirective { get; private set; } = "inaccessible";

    /// <summary>The local name of <c>@context</c> (context spec v0.1), when the supergraph links it.</summary>
    public string? ContextDirective { get; set; }

    /// <summary>Local directive names of the access-control specs linked (<c>authenticated</c>, <c>requiresScopes</c>, <c>policy</c>) to the spec name.</summary>
    public IReadOnlyDictionary<string, string> AccessDirectives => _accessDirectives;

    private readonly Dictionary<string, string> _accessDirectives = new(StringComparer.Ordinal);

    public string JoinName(string element) => JoinPrefix + "__" + element;

    /// <summary>True for a type that belongs to linked machinery (<c>join__Graph</c>, <c>link__Purpose</c>, ...).</summary>
    public bool IsSpecType(string name)
    {
        var separator = name.IndexOf("__", StringComparison.Ordinal);
        return separator > 0 && _specNamespaces.Contains(name[..separator]);
    }

    /// <summary>True for a directive that belongs to linked machinery (removed from the API schema).</summary>
    public bool IsSpecDirective(string name)
    {
        if (_specDirectives.Contains(name))
        {
            return true;
        }

        var separator = name.IndexOf("__", StringComparison.Ordinal);
        return separator > 0 && _specNamespaces.Contains(name[..separator]);
    }

    public bool IsInaccessible(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue == InaccessibleDirective) == true;

    public static LinkedSpecs Read(GraphQLDocument document)
    {
        var specs = new LinkedSpecs();
        var foundJoin = false;
        foreach (var definition in document.Definitions)
        {
            var directives = definition switch
            {
                GraphQLSchemaDefinition schema => schema.Directives,
                GraphQLSchemaExtension extension => extension.Directives,
                _ => null,
            };
            foreach (var directive in directives?.Items ?? [])
            {
                var url = SupergraphReader.StringArgument(directive, "url") ?? SupergraphReader.StringArgument(directive, "feature");
                if (url is null || !url.StartsWith(SpecPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = url[SpecPrefix.Length..].TrimEnd('/').Split('/');
                if (parts.Length < 2)
                {
                    continue;
                }

                var specName = parts[^2];
                var version = parts[^1];
                var localName = SupergraphReader.StringArgument(directive, "as") ?? specName;
                specs._specNamespaces.Add(localName);
                specs._specDirectives.Add(localName);
                specs._specDirectives.Add(directive.Name.StringValue);
                foreach (var (importedName, importedAs) in Imports(directive))
                {
                    specs._specDirectives.Add(importedAs);
                    if (specName == "inaccessible" && importedName == "inaccessible")
                    {
                        specs.InaccessibleDirective = importedAs;
                    }
                }

                var isAccessSpec = specName is "authenticated" or "requiresScopes" or "policy";
                var isContextSpec = specName == "context" && version == "v0.1";
                if (isContextSpec)
                {
                    // @context(name:) marks the types a @fromContext argument reads from; the planner passes the value on.
                    specs.ContextDirective = localName;
                }

                if (SupergraphReader.StringArgument(directive, "for") == "SECURITY" && specName != "inaccessible" && !(isAccessSpec && version == "v0.1") && !isContextSpec)
                {
                    // A security feature the gateway does not enforce must not be silently ignored (Apollo Gateway refuses these too).
                    throw new SupergraphException(SupergraphException.UnsupportedSpec, $"The supergraph links {url} for SECURITY, which the gateway does not enforce.");
                }

                if (isAccessSpec)
                {
                    // The directive is @<local name>, or the name an import gives it.
                    var directiveName = Imports(directive).Where(i => i.Name == specName).Select(i => i.As).FirstOrDefault() ?? localName;
                    specs._accessDirectives[directiveName] = specName;
                }

                switch (specName)
                {
                    case "join":
                        foundJoin = true;
                        specs.JoinPrefix = localName;
                        specs.JoinVersion = version;
                        if (!IsSupportedJoinVersion(version))
                        {
                            throw new SupergraphException(SupergraphException.UnsupportedSpec, $"The supergraph links join {version}; the gateway reads join v0.1 to v0.5.");
                        }

                        break;
                    case "inaccessible":
                        specs.InaccessibleDirective = localName;
                        break;
                }
            }
        }

        if (!foundJoin)
        {
            throw new SupergraphException(SupergraphException.UnsupportedSpec, "The SDL links no join spec (https://specs.apollo.dev/join/v0.x): it is not a supergraph.");
        }

        return specs;
    }

    private static bool IsSupportedJoinVersion(string version)
    {
        if (!version.StartsWith("v0.", StringComparison.Ordinal))
        {
            return false;
        }

        return int.TryParse(version.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var minor) && minor is >= 1 and <= 5;
    }

    private static IEnumerable<(string Name, string As)> Imports(GraphQLDirective directive)
    {
        if (directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "import")?.Value is not GraphQLListValue list)
        {
            yield break;
        }

        foreach (var item in list.Values ?? [])
        {
            switch (item)
            {
                case GraphQLStringValue s:
                    {
                        var name = s.Value.ToString().TrimStart('@');
                        yield return (name, name);
                        break;
                    }

                case GraphQLObjectValue o:
                    {
                        var name = (o.Fields?.FirstOrDefault(f => f.Name.StringValue == "name")?.Value as GraphQLStringValue)?.Value.ToString();
                        var alias = (o.Fields?.FirstOrDefault(f => f.Name.StringValue == "as")?.Value as GraphQLStringValue)?.Value.ToString();
                        if (name is not null)
                        {
                            yield return (name.TrimStart('@'), (alias ?? name).TrimStart('@'));
                        }

                        break;
                    }
            }
        }
    }
}
