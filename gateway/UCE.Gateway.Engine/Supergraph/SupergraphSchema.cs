using GraphQL.Types;

namespace UCE.Gateway.Engine.Supergraph;

/// <summary>
/// A supergraph read once from its SDL: the subgraphs, the join metadata the planner needs, and the API schema.
/// Immutable after <see cref="Parse"/>, so one instance serves all requests concurrently.
/// </summary>
public sealed class SupergraphSchema
{
    private readonly Dictionary<string, SupergraphType> _types;
    private readonly Dictionary<string, SubgraphInfo> _subgraphsByName;
    private readonly Dictionary<(string Graph, string Abstract), IReadOnlyList<string>> _possibleTypesInGraph = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _possibleTypes = new(StringComparer.Ordinal);

    private SupergraphSchema(SupergraphReader reader, string apiSdl, ISchema apiSchema, IReadOnlySet<string> executableDirectives)
    {
        ExecutableDirectives = executableDirectives;
        _types = reader.Types;
        Subgraphs = reader.Subgraphs;
        _subgraphsByName = reader.Subgraphs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        QueryTypeName = reader.QueryType;
        MutationTypeName = reader.MutationType;
        SubscriptionTypeName = reader.SubscriptionType;
        JoinVersion = reader.Specs.JoinVersion;
        ApiSchemaSdl = apiSdl;
        ApiSchema = apiSchema;
        ComputePossibleTypes();
    }

    /// <summary>The subgraphs, in the order of the <c>join__Graph</c> enum.</summary>
    public IReadOnlyList<SubgraphInfo> Subgraphs { get; }

    /// <summary>The GraphQL.NET schema of the API (for validation and introspection; it has no resolvers).</summary>
    public ISchema ApiSchema { get; }

    /// <summary>The API schema as SDL.</summary>
    public string ApiSchemaSdl { get; }

    public string QueryTypeName { get; }

    public string? MutationTypeName { get; }

    public string? SubscriptionTypeName { get; }

    /// <summary>
    /// Custom executable directives of the API schema (composition keeps only those every subgraph defines), which
    /// the planner forwards to subgraphs like <c>@skip</c> and <c>@include</c>.
    /// </summary>
    public IReadOnlySet<string> ExecutableDirectives { get; }

    /// <summary>The join spec version the supergraph links (<c>v0.3</c>, ...).</summary>
    public string JoinVersion { get; }

    /// <summary>Every named type of the supergraph except linked machinery, by name.</summary>
    public IReadOnlyDictionary<string, SupergraphType> Types => _types;

    /// <summary>Reads a supergraph SDL; throws <see cref="SupergraphException"/> with a code when it cannot be served.</summary>
    public static SupergraphSchema Parse(string supergraphSdl)
    {
        var document = SupergraphReader.ParseDocument(supergraphSdl);
        var reader = SupergraphReader.Read(document);

        // The API schema is cut out of a second copy of the document because building it edits the syntax tree.
        var apiDocument = SupergraphReader.ParseDocument(supergraphSdl);
        var (sdl, schema, executableDirectives) = ApiSchemaBuilder.Build(apiDocument, reader.Specs, reader.QueryType, reader.MutationType, reader.SubscriptionType);
        return new SupergraphSchema(reader, sdl, schema, executableDirectives);
    }

    public SupergraphType? Type(string name) => _types.GetValueOrDefault(name);

    public SubgraphInfo? Subgraph(string name) => _subgraphsByName.GetValueOrDefault(name);

    /// <summary>The object types an abstract type may be at run time in the API (an object type is its own only possible type).</summary>
    public IReadOnlyList<string> PossibleTypes(string typeName) =>
        _possibleTypes.TryGetValue(typeName, out var types) ? types : [typeName];

    /// <summary>
    /// The object types a value of <paramref name="typeName"/> returned by <paramref name="graph"/> may have there
    /// (<c>@join__implements</c>, <c>@join__unionMember</c>); an <c>@interfaceObject</c> is its own only type.
    /// </summary>
    public IReadOnlyList<string> PossibleTypesIn(string graph, string typeName)
    {
        var type = Type(typeName);
        if (type is null || !type.IsAbstract)
        {
            return [typeName];
        }

        if (type.IsInterfaceObjectIn(graph))
        {
            return [typeName];
        }

        return _possibleTypesInGraph.TryGetValue((graph, typeName), out var types) ? types : [];
    }

    /// <summary>True when a value of type <paramref name="possible"/> is a <paramref name="condition"/> (same type or a possible type of it).</summary>
    public bool Satisfies(string possible, string condition) =>
        possible == condition || PossibleTypes(condition).Contains(possible);

    private void ComputePossibleTypes()
    {
        foreach (var type in _types.Values.Where(t => t.IsAbstract))
        {
            var all = type.Kind == SupergraphTypeKind.Union
                ? type.UnionMembers.Where(m => Type(m) is { IsInaccessible: false }).ToList()
                : _types.Values.Where(t => t.Kind == SupergraphTypeKind.Object && !t.IsInaccessible && Implements(t, type.Name)).Select(t => t.Name).ToList();
            _possibleTypes[type.Name] = all;
            foreach (var graph in Subgraphs.Select(s => s.Name))
            {
                if (!type.ExistsIn(graph))
                {
                    continue;
                }

                List<string> inGraph;
                if (type.Kind == SupergraphTypeKind.Union)
                {
                    inGraph = type.MembersByGraph.Count == 0
                        ? all.Where(m => Type(m)!.ExistsIn(graph)).ToList()
                        : all.Where(m => type.MembersByGraph.TryGetValue(graph, out var members) && members.Contains(m)).ToList();
                }
                else
                {
                    inGraph = all.Where(name =>
                    {
                        var candidate = Type(name)!;
                        if (!candidate.ExistsIn(graph))
                        {
                            return false;
                        }

                        return candidate.ImplementsByGraph.Count == 0
                            || (candidate.ImplementsByGraph.TryGetValue(graph, out var ifaces) && ifaces.Contains(type.Name));
                    }).ToList();
                }

                _possibleTypesInGraph[(graph, type.Name)] = inGraph;
            }
        }
    }

    private bool Implements(SupergraphType type, string interfaceName)
    {
        foreach (var iface in type.Interfaces)
        {
            if (iface == interfaceName || (Type(iface) is { } parent && Implements(parent, interfaceName)))
            {
                return true;
            }
        }

        return false;
    }
}
