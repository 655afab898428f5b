using GraphQLParser.AST;

namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>A GraphQL type reference: a named type, a list of a type, or a non-null type.</summary>
internal sealed record TypeReference(TypeReferenceKind Kind, string Name, TypeReference? Inner)
{
    public static TypeReference Named(string name) => new(TypeReferenceKind.Named, name, null);

    public static TypeReference From(GraphQLType type) => type switch
    {
        GraphQLNamedType named => Named(named.Name.StringValue),
        GraphQLListType list => new TypeReference(TypeReferenceKind.List, "", From(list.Type)),
        GraphQLNonNullType nonNull => new TypeReference(TypeReferenceKind.NonNull, "", From(nonNull.Type)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses the printed form (<c>[Int!]!</c>); used for the <c>type:</c> argument of join__field.</summary>
    public static TypeReference Parse(string text)
    {
        text = text.Trim();
        if (text.EndsWith('!'))
        {
            return new TypeReference(TypeReferenceKind.NonNull, "", Parse(text[..^1]));
        }

        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            return new TypeReference(TypeReferenceKind.List, "", Parse(text[1..^1]));
        }

        return Named(text);
    }

    public string NamedType => Kind == TypeReferenceKind.Named ? Name : Inner!.NamedType;

    public bool IsNonNull => Kind == TypeReferenceKind.NonNull;

    public bool IsList => Kind == TypeReferenceKind.List || (Kind == TypeReferenceKind.NonNull && Inner!.IsList);

    public TypeReference Nullable => IsNonNull ? Inner! : this;

    public TypeReference Rename(string from, string to) => Kind switch
    {
        TypeReferenceKind.Named => Name == from ? Named(to) : this,
        _ => this with { Inner = Inner!.Rename(from, to) },
    };

    public override string ToString() => Kind switch
    {
        TypeReferenceKind.Named => Name,
        TypeReferenceKind.List => $"[{Inner}]",
        _ => $"{Inner}!",
    };
}

internal enum TypeReferenceKind
{
    Named,
    List,
    NonNull,
}
