using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace UCE.Gateway.Composition.Tests;

/// <summary>
/// Turns a supergraph SDL into a sorted list of facts (one per type, field, argument, enum value and
/// applied directive), so two supergraphs compare equal when they say the same thing in any order.
/// </summary>
internal static class SupergraphNormalizer
{
    public static string Normalize(string sdl)
    {
        var document = Parser.Parse(sdl);
        var facts = new List<string>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLSchemaDefinition schema:
                    facts.AddRange(Directives("schema", schema.Directives));
                    facts.AddRange(schema.OperationTypes.Select(o => $"schema {o.Operation}: {o.Type!.Name.StringValue}"));
                    break;
                case GraphQLDirectiveDefinition directive:
                    facts.Add("directive " + Print(directive));
                    break;
                case GraphQLTypeDefinition type:
                    AddType(type, facts);
                    break;
            }
        }

        facts.Sort(StringComparer.Ordinal);
        return string.Join("\n", facts);
    }

    private static void AddType(GraphQLTypeDefinition type, List<string> facts)
    {
        var name = type.Name.StringValue;
        facts.Add($"{type.Kind} {name}" + (type.Description is null ? "" : $" \"{type.Description.Value}\""));
        facts.AddRange(Directives(name, (type as IHasDirectivesNode)?.Directives));
        switch (type)
        {
            case GraphQLObjectTypeDefinition o:
                facts.AddRange((o.Interfaces?.Items ?? []).Select(i => $"{name} implements {i.Name.StringValue}"));
                AddFields(name, o.Fields, facts);
                break;
            case GraphQLInterfaceTypeDefinition i:
                facts.AddRange((i.Interfaces?.Items ?? []).Select(x => $"{name} implements {x.Name.StringValue}"));
                AddFields(name, i.Fields, facts);
                break;
            case GraphQLUnionTypeDefinition u:
                facts.AddRange((u.Types?.Items ?? []).Select(m => $"{name} member {m.Name.StringValue}"));
                break;
            case GraphQLEnumTypeDefinition e:
                foreach (var value in e.Values?.Items ?? [])
                {
                    facts.Add($"{name}.{value.Name.StringValue}" + (value.Description is null ? "" : $" \"{value.Description.Value}\""));
                    facts.AddRange(Directives($"{name}.{value.Name.StringValue}", value.Directives));
                }

                break;
            case GraphQLInputObjectTypeDefinition input:
                foreach (var field in input.Fields?.Items ?? [])
                {
                    AddInputValue($"{name}.", field, facts);
                }

                break;
        }
    }

    private static void AddFields(string typeName, GraphQLFieldsDefinition? fields, List<string> facts)
    {
        foreach (var field in fields?.Items ?? [])
        {
            var coordinate = $"{typeName}.{field.Name.StringValue}";
            facts.Add($"{coordinate}: {Print(field.Type)}" + (field.Description is null ? "" : $" \"{field.Description.Value}\""));
            facts.AddRange(Directives(coordinate, field.Directives));
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                AddInputValue(coordinate + "(", argument, facts);
            }
        }
    }

    private static void AddInputValue(string prefix, GraphQLInputValueDefinition value, List<string> facts)
    {
        var coordinate = prefix + value.Name.StringValue;
        facts.Add($"{coordinate}: {Print(value.Type)}" + (value.DefaultValue is null ? "" : " = " + Print(value.DefaultValue)) + (value.Description is null ? "" : $" \"{value.Description.Value}\""));
        facts.AddRange(Directives(coordinate, value.Directives));
    }

    private static IEnumerable<string> Directives(string owner, GraphQLDirectives? directives) =>
        (directives?.Items ?? []).Select(d => $"{owner} {Print(d)}");

    private static string Print(ASTNode node)
    {
        var writer = new StringWriter();
        new SDLPrinter().PrintAsync(node, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().ReplaceLineEndings(" ");
    }
}
