using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

/// <summary>The merged supergraph: every type with its join metadata, ready to print or check.</summary>
internal sealed class Supergraph
{
    public required IReadOnlyList<SubgraphSchema> Subgraphs { get; init; }

    /// <summary>Subgraph name to its join__Graph enum value.</summary>
    public required IReadOnlyDictionary<string, string> GraphEnumNames { get; init; }

    public Dictionary<string, SupergraphType> Types { get; } = new(StringComparer.Ordinal);

    public List<string> RootOperations { get; } = [];

    public List<ComposedDirective> ComposedDirectives { get; } = [];

    public string? Description { get; set; }

    public bool UsesInaccessible { get; set; }

    public bool UsesTag { get; set; }

    /// <summary>Some type sets a @context: the context spec is linked.</summary>
    public bool UsesContext { get; set; }

    /// <summary>Some element carries @cost or @listSize: the cost spec is linked (@listSize imported when used).</summary>
    public bool UsesCost { get; set; }

    public bool UsesListSize { get; set; }

    /// <summary>Minor version of the join spec: 3, 4 (subgraphs on federation 2.7) or 5 (2.8 and later).</summary>
    public int JoinVersion { get; set; } = 3;

    /// <summary>Access-control specs used (authenticated, requiresScopes, policy), in link order.</summary>
    public List<string> AccessControlSpecs { get; } = [];

    /// <summary>The name each access directive is printed under (canonical name to printed name): the first subgraph applying it decides.</summary>
    public Dictionary<string, string> AccessNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The name @tag is printed under: the first subgraph using it decides, as in Apollo.</summary>
    public string TagName { get; set; } = "tag";

    public string InaccessibleName { get; set; } = "inaccessible";

    public SubgraphSchema Subgraph(string name) => Subgraphs.First(s => s.Name == name);
}

internal sealed class SupergraphType(string name, TypeKind kind)
{
    public string Name { get; } = name;

    public TypeKind Kind { get; } = kind;

    public string? Description { get; set; }

    public List<string> Interfaces { get; } = [];

    /// <summary>Printed directive applications in output order (join__* first).</summary>
    public List<string> Directives { get; } = [];

    public List<JoinType> JoinTypes { get; } = [];

    public List<(string Graph, string Interface)> JoinImplements { get; } = [];

    public List<SupergraphField> Fields { get; } = [];

    public List<string> UnionMembers { get; } = [];

    public List<(string Graph, string Member)> JoinUnionMembers { get; } = [];

    public List<SupergraphEnumValue> EnumValues { get; } = [];

    public bool Inaccessible { get; set; }

    public IEnumerable<string> Graphs => JoinTypes.Select(j => j.Graph).Distinct();

    public SupergraphField? Field(string fieldName) => Fields.Find(f => f.Name == fieldName);
}

internal sealed record JoinType(string Graph, string? Key, bool Resolvable, bool Extension, bool IsInterfaceObject);

internal sealed class SupergraphField(string name, TypeReference type)
{
    public string Name { get; } = name;

    public TypeReference Type { get; set; } = type;

    public string? Description { get; set; }

    public List<SupergraphArgument> Arguments { get; } = [];

    public List<string> Directives { get; } = [];

    public List<FieldSource> Sources { get; } = [];

    public bool Inaccessible { get; set; }

    public string? DefaultValue { get; set; }

    /// <summary>True when the field comes to an implementation only through an @interfaceObject.</summary>
    public bool FromInterfaceObject { get; set; }
}

/// <summary>One subgraph's declaration of a field, as recorded by @join__field.</summary>
internal sealed record FieldSource(string Graph, TypeReference Type, bool External, string? Requires, string? Provides, string? OverrideFrom, bool UsedOverridden, string? OverrideLabel = null, string? ContextArguments = null)
{
    public bool Resolves => !External && !UsedOverridden;
}

internal sealed class SupergraphArgument(string name, TypeReference type)
{
    public string Name { get; } = name;

    public TypeReference Type { get; set; } = type;

    public string? Description { get; set; }

    public string? DefaultValue { get; set; }

    public List<string> Directives { get; } = [];

    public bool Inaccessible { get; set; }
}

internal sealed class SupergraphEnumValue(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public List<string> Directives { get; } = [];

    public List<string> Graphs { get; } = [];

    public bool Inaccessible { get; set; }
}
