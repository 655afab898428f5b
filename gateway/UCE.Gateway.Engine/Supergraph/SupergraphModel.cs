using GraphQLParser.AST;

namespace UCE.Gateway.Engine.Supergraph;

/// <summary>What kind of named type a supergraph type is.</summary>
public enum SupergraphTypeKind
{
    Object,
    Interface,
    Union,
    Enum,
    Scalar,
    InputObject,
}

/// <summary>A named type of the supergraph with what each subgraph knows of it.</summary>
public sealed class SupergraphType
{
    internal SupergraphType(string name, SupergraphTypeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public SupergraphTypeKind Kind { get; }

    /// <summary>True when the type is <c>@inaccessible</c> (absent from the API schema).</summary>
    public bool IsInaccessible { get; internal set; }

    /// <summary>What the caller needs to select a field returning this type or a fragment on it; <c>null</c> when nothing.</summary>
    public Authorization.AccessRule? Access { get; internal set; }

    /// <summary>Fields in declaration order (objects, interfaces, input objects).</summary>
    public IReadOnlyList<SupergraphField> Fields => FieldList;

    /// <summary>Interfaces the type implements in the supergraph.</summary>
    public IReadOnlyList<string> Interfaces => InterfaceList;

    /// <summary>Union members in the supergraph.</summary>
    public IReadOnlyList<string> UnionMembers => UnionMemberList;

    /// <summary>The subgraphs that define the type, by subgraph name; empty when <see cref="InAllGraphs"/>.</summary>
    public IReadOnlyDictionary<string, TypeInGraph> Graphs => GraphMap;

    /// <summary>True when no <c>@join__type</c> restricts the type (older join versions): every subgraph has it.</summary>
    public bool InAllGraphs => GraphMap.Count == 0;

    /// <summary>The owning subgraph of an entity in join v0.1 supergraphs (<c>@join__owner</c>).</summary>
    public string? OwnerGraph { get; internal set; }

    internal List<SupergraphField> FieldList { get; } = [];

    internal Dictionary<string, SupergraphField> FieldMap { get; } = new(StringComparer.Ordinal);

    internal List<string> InterfaceList { get; } = [];

    /// <summary>The contexts this type sets (<c>@context(name:)</c>) for <c>@fromContext</c> arguments below it.</summary>
    public IReadOnlyList<string> Contexts => ContextList;

    internal List<string> ContextList { get; } = [];

    internal List<string> UnionMemberList { get; } = [];

    internal Dictionary<string, TypeInGraph> GraphMap { get; } = new(StringComparer.Ordinal);

    /// <summary><c>@join__implements</c>: per subgraph, the interfaces the type implements there.</summary>
    internal Dictionary<string, HashSet<string>> ImplementsByGraph { get; } = new(StringComparer.Ordinal);

    /// <summary><c>@join__unionMember</c>: per subgraph, the union's members there.</summary>
    internal Dictionary<string, HashSet<string>> MembersByGraph { get; } = new(StringComparer.Ordinal);

    public bool IsAbstract => Kind is SupergraphTypeKind.Interface or SupergraphTypeKind.Union;

    public bool IsComposite => Kind is SupergraphTypeKind.Object or SupergraphTypeKind.Interface or SupergraphTypeKind.Union;

    public SupergraphField? Field(string name) => FieldMap.GetValueOrDefault(name);

    public bool ExistsIn(string graph) => InAllGraphs || GraphMap.ContainsKey(graph);

    public TypeInGraph? InGraph(string graph) => GraphMap.GetValueOrDefault(graph);

    /// <summary>True when <paramref name="graph"/> defines this interface as an <c>@interfaceObject</c> (an object type there).</summary>
    public bool IsInterfaceObjectIn(string graph) => GraphMap.TryGetValue(graph, out var t) && t.IsInterfaceObject;

    internal void AddField(SupergraphField field)
    {
        FieldList.Add(field);
        FieldMap[field.Name] = field;
    }
}

/// <summary>What one subgraph declares about a type (<c>@join__type</c>).</summary>
public sealed class TypeInGraph
{
    internal TypeInGraph(string graph)
    {
        Graph = graph;
    }

    public string Graph { get; }

    /// <summary>The entity keys this subgraph declares; only <see cref="EntityKey.Resolvable"/> ones may be asked for in <c>_entities</c>.</summary>
    public IReadOnlyList<EntityKey> Keys => KeyList;

    public bool IsInterfaceObject { get; internal set; }

    public bool IsExtension { get; internal set; }

    internal List<EntityKey> KeyList { get; } = [];
}

/// <summary>An entity key: its field set text and parsed selection, and whether the subgraph resolves it.</summary>
public sealed record EntityKey(string Fields, GraphQLSelectionSet Selection, bool Resolvable)
{
    /// <summary>The names of the key's top-level fields.</summary>
    public IReadOnlySet<string> TopLevelFields { get; } =
        Selection.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A field of a supergraph type, with its per-subgraph <c>@join__field</c> metadata.</summary>
public sealed class SupergraphField
{
    internal SupergraphField(string name, GraphQLType type)
    {
        Name = name;
        Type = type;
        NamedType = UnwrapName(type);
    }

    public string Name { get; }

    /// <summary>The field's type as written in the supergraph.</summary>
    public GraphQLType Type { get; }

    public string NamedType { get; }

    public bool IsInaccessible { get; internal set; }

    /// <summary>What the caller needs to select the field (its own directives only); <c>null</c> when nothing.</summary>
    public Authorization.AccessRule? Access { get; internal set; }

    /// <summary>The <c>@join__field</c>s; empty when the field is resolvable in every subgraph that has its type.</summary>
    public IReadOnlyList<FieldInGraph> JoinFields => JoinFieldList;

    internal List<FieldInGraph> JoinFieldList { get; } = [];

    /// <summary>True when the field's type is a list at any level.</summary>
    public bool IsList => HasList(Type);

    internal static string UnwrapName(GraphQLType type) => type switch
    {
        GraphQLNamedType named => named.Name.StringValue,
        GraphQLListType list => UnwrapName(list.Type),
        GraphQLNonNullType nonNull => UnwrapName(nonNull.Type),
        _ => throw new InvalidOperationException("Unknown type node."),
    };

    internal static bool HasList(GraphQLType type) => type switch
    {
        GraphQLListType => true,
        GraphQLNonNullType nonNull => HasList(nonNull.Type),
        _ => false,
    };

    /// <summary>How many list levels wrap the named type.</summary>
    internal static int ListDepth(GraphQLType type) => type switch
    {
        GraphQLListType list => 1 + ListDepth(list.Type),
        GraphQLNonNullType nonNull => ListDepth(nonNull.Type),
        _ => 0,
    };
}

/// <summary>One <c>@join__field</c>: how one subgraph (or none, when <see cref="Graph"/> is null) knows a field.</summary>
public sealed class FieldInGraph
{
    public string? Graph { get; internal init; }

    public bool External { get; internal init; }

    public bool UsedOverridden { get; internal init; }

    /// <summary>The subgraph this one took the field from (<c>@override(from:)</c>).</summary>
    public string? OverrideFrom { get; internal init; }

    /// <summary>A progressive override label (<c>percent(n)</c> or a custom label).</summary>
    public string? OverrideLabel { get; internal init; }

    /// <summary>Fields of the parent type the subgraph needs in the representation to resolve this field.</summary>
    public GraphQLSelectionSet? Requires { get; internal init; }

    public string? RequiresText { get; internal init; }

    /// <summary>Fields of the returned type the subgraph also resolves below this field.</summary>
    public GraphQLSelectionSet? Provides { get; internal init; }

    public string? ProvidesText { get; internal init; }

    /// <summary>The field's type in this subgraph when it differs from the supergraph's (<c>type:</c>).</summary>
    public string? TypeInGraph { get; internal init; }

    /// <summary>Arguments (<c>@fromContext</c>) the gateway fills with a value read from an ancestor that sets the context.</summary>
    public IReadOnlyList<ContextArgument> ContextArguments { get; internal init; } = [];
}

/// <summary>
/// One <c>@fromContext</c> argument as the supergraph records it (<c>join__ContextArgument</c>): the argument
/// <paramref name="Name"/> of type <paramref name="Type"/> takes the value of <paramref name="Selection"/> on the nearest
/// ancestor whose type sets <paramref name="Context"/> (<c>@context(name:)</c>).
/// </summary>
public sealed record ContextArgument(string Context, string Name, string Type, GraphQLSelectionSet Selection);
