using GraphQLParser;
using GraphQLParser.AST;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Checking;

/// <summary>
/// The API schema clients see, read from a supergraph SDL: join/link machinery and every element
/// marked <c>@inaccessible</c> removed.
/// </summary>
public sealed class ApiSchema
{
    private ApiSchema()
    {
    }

    internal Dictionary<string, ApiType> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the API schema of a supergraph (ours or Apollo's).</summary>
    public static ApiSchema FromSupergraph(string supergraphSdl)
    {
        var schema = new ApiSchema();
        var document = Parser.Parse(supergraphSdl);
        foreach (var definition in document.Definitions.OfType<GraphQLTypeDefinition>().Where(d => d is not GraphQLDirectiveDefinition))
        {
            var name = definition.Name.StringValue;
            if (name.StartsWith("join__", StringComparison.Ordinal) || name.StartsWith("link__", StringComparison.Ordinal) || Inaccessible((definition as IHasDirectivesNode)?.Directives))
            {
                continue;
            }

            var type = new ApiType(name, definition.Kind.ToString().Replace("TypeDefinition", "", StringComparison.Ordinal));
            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    type.Interfaces.AddRange((o.Interfaces?.Items ?? []).Select(i => i.Name.StringValue));
                    AddFields(type, o.Fields);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    type.Interfaces.AddRange((i.Interfaces?.Items ?? []).Select(x => x.Name.StringValue));
                    AddFields(type, i.Fields);
                    break;
                case GraphQLUnionTypeDefinition u:
                    type.Members.AddRange((u.Types?.Items ?? []).Select(m => m.Name.StringValue));
                    break;
                case GraphQLEnumTypeDefinition e:
                    type.EnumValues.AddRange((e.Values?.Items ?? []).Where(v => !Inaccessible(v.Directives)).Select(v => v.Name.StringValue));
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    foreach (var field in (input.Fields?.Items ?? []).Where(f => !Inaccessible(f.Directives)))
                    {
                        type.Fields[field.Name.StringValue] = new ApiField(field.Name.StringValue, TypeReference.From(field.Type), field.DefaultValue is null ? null : ValuePrinter.Print(field.DefaultValue));
                    }

                    break;
            }

            schema.Types[name] = type;
        }

        return schema;
    }

    private static void AddFields(ApiType type, GraphQLFieldsDefinition? fields)
    {
        foreach (var field in (fields?.Items ?? []).Where(f => !Inaccessible(f.Directives)))
        {
            var apiField = new ApiField(field.Name.StringValue, TypeReference.From(field.Type), null);
            foreach (var argument in (field.Arguments?.Items ?? []).Where(a => !Inaccessible(a.Directives)))
            {
                apiField.Arguments[argument.Name.StringValue] = new ApiField(argument.Name.StringValue, TypeReference.From(argument.Type), argument.DefaultValue is null ? null : ValuePrinter.Print(argument.DefaultValue));
            }

            type.Fields[apiField.Name] = apiField;
        }
    }

    private static bool Inaccessible(GraphQLDirectives? directives) => directives?.Items.Exists(d => d.Name.StringValue == "inaccessible") == true;
}

internal sealed class ApiType(string name, string kind)
{
    public string Name { get; } = name;

    public string Kind { get; } = kind;

    public Dictionary<string, ApiField> Fields { get; } = new(StringComparer.Ordinal);

    public List<string> Interfaces { get; } = [];

    public List<string> Members { get; } = [];

    public List<string> EnumValues { get; } = [];
}

internal sealed class ApiField(string name, TypeReference type, string? defaultValue)
{
    public string Name { get; } = name;

    public TypeReference Type { get; } = type;

    public string? DefaultValue { get; } = defaultValue;

    public Dictionary<string, ApiField> Arguments { get; } = new(StringComparer.Ordinal);

    public bool IsRequired => Type.IsNonNull && DefaultValue is null;
}
