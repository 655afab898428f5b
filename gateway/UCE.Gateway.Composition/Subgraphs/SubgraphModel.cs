using GraphQLParser.AST;

namespace UCE.Gateway.Composition.Subgraphs;

internal enum TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>A subgraph after parsing and resolving federation directives to their canonical meaning.</summary>
internal sealed class SubgraphSchema(string name, string url, bool isFederation2)
{
    public string Name { get; } = name;

    public string Url { get; } = url;

    public bool IsFederation2 { get; } = isFederation2;

    /// <summary>The X of the federation/v2.X link (0 for Federation 1); it decides the join spec version.</summary>
    public int FederationMinorVersion { get; init; }

    public Dictionary<string, SubgraphType> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Operation (query, mutation, subscription) to the type name, after renaming roots to the defaults.</summary>
    public Dictionary<string, string> RootTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Directives named by @composeDirective, with the spec they are linked from.</summary>
    public List<ComposedDirective> ComposedDirectives { get; } = [];

    public Func<int, SourceLocation>? Locate { get; set; }

    public string? SchemaDescription { get; set; }

    /// <summary>The name this subgraph applies @tag under, when it applies it (renamed by an import or a link prefix).</summary>
    public string? TagName { get; set; }

    /// <summary>The name this subgraph applies @inaccessible under, when it applies it.</summary>
    public string? InaccessibleName { get; set; }

    /// <summary>The names this subgraph applies the access directives under (canonical name to local name).</summary>
    public Dictionary<string, string> AccessNames { get; } = new(StringComparer.Ordinal);

    public SourceLocation? LocationOf(ASTNode? node) => node?.Location is { } l && Locate is not null && l.End > 0 ? Locate(l.Start) : null;
}

/// <summary>A directive a subgraph asks to keep in the supergraph.</summary>
internal sealed record ComposedDirective(string Name, string? LinkUrl, string? ImportName, string DefinitionSdl, string? Description, HashSet<string> Locations);

internal sealed class SubgraphType(string name, TypeKind kind)
{
    public string Name { get; set; } = name;

    public TypeKind Kind { get; set; } = kind;

    public string? Description { get; set; }

    public bool HasDefinition { get; set; }

    public bool HasExtension { get; set; }

    public bool IsExtension { get; set; }

    /// <summary>Marked with @extends, which Federation 1 subgraphs use instead of <c>extend type</c>.</summary>
    public bool HasExtendsDirective { get; set; }

    public List<KeyDirective> Keys { get; } = [];

    /// <summary>Names this type sets with @context (Federation 2.8).</summary>
    public List<string> Contexts { get; } = [];

    public bool Shareable { get; set; }

    public bool Inaccessible { get; set; }

    public bool InterfaceObject { get; set; }

    public List<string> Interfaces { get; } = [];

    public List<SubgraphField> Fields { get; } = [];

    public List<string> UnionMembers { get; } = [];

    public List<SubgraphEnumValue> EnumValues { get; } = [];

    /// <summary>Printed @tag, @deprecated and composed directive applications, in source order.</summary>
    public List<string> OtherDirectives { get; } = [];

    public ASTNode? Node { get; set; }

    public SubgraphField? Field(string fieldName) => Fields.Find(f => f.Name == fieldName);

    public bool IsEntity => Keys.Count > 0;
}

/// <summary>A @key; <paramref name="OnExtension"/> when applied on a type extension (<c>extend type</c>).</summary>
internal sealed record KeyDirective(string Fields, bool Resolvable, ASTNode Node, bool OnExtension = false);

internal sealed class SubgraphField(string name, TypeReference type)
{
    public string Name { get; } = name;

    public TypeReference Type { get; set; } = type;

    public string? Description { get; set; }

    public List<SubgraphArgument> Arguments { get; } = [];

    public bool External { get; set; }

    public string? Requires { get; set; }

    public string? Provides { get; set; }

    public string? OverrideFrom { get; set; }

    /// <summary>Progressive override label (<c>percent(50)</c> or a custom label).</summary>
    public string? OverrideLabel { get; set; }

    public bool Shareable { get; set; }

    public bool Inaccessible { get; set; }

    /// <summary>Printed default value, for input object fields.</summary>
    public string? DefaultValue { get; set; }

    public List<string> OtherDirectives { get; } = [];

    public ASTNode? Node { get; set; }
}

internal sealed class SubgraphArgument(string name, TypeReference type)
{
    public string Name { get; } = name;

    public TypeReference Type { get; set; } = type;

    public string? Description { get; set; }

    public string? DefaultValue { get; set; }

    public bool Inaccessible { get; set; }

    public List<string> OtherDirectives { get; } = [];

    public bool IsRequired => Type.IsNonNull && DefaultValue is null;

    /// <summary>The <c>field</c> of a @fromContext on this argument (<c>"$context { selection }"</c>).</summary>
    public string? FromContext { get; set; }

    public ASTNode? Node { get; set; }
}

internal sealed class SubgraphEnumValue(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public bool Inaccessible { get; set; }

    public List<string> OtherDirectives { get; } = [];
}
