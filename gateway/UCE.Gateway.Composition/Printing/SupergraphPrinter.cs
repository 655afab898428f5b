using System.Text;
using UCE.Gateway.Composition.Merging;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Printing;

/// <summary>
/// Prints a <see cref="Supergraph"/> in Apollo's supergraph format (<c>@link</c> v1.0, join v0.3),
/// with the same ordering and layout Apollo uses so the file is byte-for-byte stable.
/// </summary>
internal static class SupergraphPrinter
{
    private const string JoinDirectives = """
        directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
        directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean{FIELD_EXTRA}) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
        directive @join__graph(name: String!, url: String!) on ENUM_VALUE
        directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
        directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
        directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
        directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
        """;

    private const string JoinDirectiveDirective = "directive @join__directive(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION";

    private const string ContextArgumentInput = """
        input join__ContextArgument {
          name: String!
          type: String!
          context: String!
          selection: join__FieldValue!
        }
        """;

    private static readonly Dictionary<string, (string Directive, string? Scalar)> AccessControl = new(StringComparer.Ordinal)
    {
        ["authenticated"] = ("directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM", null),
        ["requiresScopes"] = ("directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM", "requiresScopes__Scope"),
        ["policy"] = ("directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM", "policy__Policy"),
    };

    private const string InaccessibleDirective = "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION";

    private const string TagDirective = "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA";

    private const string LinkPurpose = """"
        enum link__Purpose {
          """
          `SECURITY` features provide metadata necessary to securely resolve fields.
          """
          SECURITY

          """
          `EXECUTION` features provide metadata necessary for operation execution.
          """
          EXECUTION
        }
        """";

    public static string Print(Supergraph supergraph)
    {
        var text = PrintDefinitions(supergraph);

        // The schema's @link imports name the directives by their spec names; everything else uses the printed names.
        if (supergraph.TagName != "tag")
        {
            text = text.Replace("@tag(name: ", "@" + supergraph.TagName + "(name: ", StringComparison.Ordinal);
        }

        if (supergraph.InaccessibleName != "inaccessible")
        {
            text = text.Replace("@inaccessible", "@" + supergraph.InaccessibleName, StringComparison.Ordinal);
        }

        return PrintSchema(supergraph) + "\n\n" + text;
    }

    private static string PrintDefinitions(Supergraph supergraph)
    {
        var blocks = new List<string>();

        var directives = new List<(string Name, string Text)>();
        var fieldExtra = supergraph.JoinVersion switch
        {
            >= 5 => ", overrideLabel: String, contextArguments: [join__ContextArgument!]",
            4 => ", overrideLabel: String",
            _ => "",
        };
        foreach (var line in JoinDirectives.Replace("{FIELD_EXTRA}", fieldExtra, StringComparison.Ordinal).Split('\n'))
        {
            directives.Add((line[11..line.IndexOfAny(['(', ' '], 11)], line));
        }

        if (supergraph.JoinVersion >= 4)
        {
            directives.Add(("join__directive", JoinDirectiveDirective));
        }

        foreach (var spec in supergraph.AccessControlSpecs)
        {
            var name = supergraph.AccessNames.GetValueOrDefault(spec, spec);
            directives.Add((name, AccessControl[spec].Directive.Replace("directive @" + spec, "directive @" + name, StringComparison.Ordinal)));
        }

        if (supergraph.UsesInaccessible)
        {
            directives.Add((supergraph.InaccessibleName, InaccessibleDirective));
        }

        if (supergraph.UsesContext)
        {
            directives.Add(("context", "directive @context(name: String!) repeatable on INTERFACE | OBJECT | UNION"));
            directives.Add(("context__fromContext", "directive @context__fromContext(field: context__ContextFieldValue) on ARGUMENT_DEFINITION"));
        }

        if (supergraph.UsesCost)
        {
            var listSize = supergraph.UsesListSize ? "listSize" : "cost__listSize";
            directives.Add(("cost", "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR"));
            directives.Add((listSize, $"directive @{listSize}(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION"));
        }

        if (supergraph.UsesTag)
        {
            directives.Add((supergraph.TagName, TagDirective));
        }

        foreach (var composed in supergraph.ComposedDirectives)
        {
            directives.Add((composed.Name, Description(composed.Description, "", firstInBlock: true) + composed.DefinitionSdl));
        }

        blocks.AddRange(directives.OrderBy(d => d.Name, NameOrder.Instance).Select(d => d.Text));

        var types = new List<(string Name, string Text)>
        {
            ("join__FieldSet", "scalar join__FieldSet"),
            ("join__Graph", PrintGraphEnum(supergraph)),
            ("link__Import", "scalar link__Import"),
            ("link__Purpose", LinkPurpose.Replace("\r", "", StringComparison.Ordinal)),
        };
        if (supergraph.JoinVersion >= 4)
        {
            types.Add(("join__DirectiveArguments", "scalar join__DirectiveArguments"));
        }

        if (supergraph.JoinVersion >= 5)
        {
            types.Add(("join__ContextArgument", ContextArgumentInput));
            types.Add(("join__FieldValue", "scalar join__FieldValue"));
        }

        if (supergraph.UsesContext)
        {
            types.Add(("context__ContextFieldValue", "scalar context__ContextFieldValue"));
        }

        foreach (var spec in supergraph.AccessControlSpecs.Where(s => AccessControl[s].Scalar is not null))
        {
            types.Add((AccessControl[spec].Scalar!, "scalar " + AccessControl[spec].Scalar));
        }

        types.AddRange(supergraph.Types.Values.Select(t => (t.Name, PrintType(t))));
        blocks.AddRange(types.OrderBy(t => t.Name, NameOrder.Instance).Select(t => t.Text));
        return string.Join("\n\n", blocks);
    }

    private static string PrintSchema(Supergraph supergraph)
    {
        var builder = new StringBuilder(Description(supergraph.Description, "", firstInBlock: true)).Append("schema\n");
        builder.Append("  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n");
        builder.Append("  @link(url: \"https://specs.apollo.dev/join/v0.").Append(supergraph.JoinVersion).Append("\", for: EXECUTION)\n");
        if (supergraph.UsesTag)
        {
            builder.Append("  @link(url: \"https://specs.apollo.dev/tag/v0.3\"").Append(RenamedImport("tag", supergraph.TagName)).Append(")\n");
        }

        if (supergraph.UsesInaccessible)
        {
            builder.Append("  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY").Append(RenamedImport("inaccessible", supergraph.InaccessibleName)).Append(")\n");
        }

        foreach (var spec in supergraph.AccessControlSpecs)
        {
            builder.Append("  @link(url: \"https://specs.apollo.dev/").Append(spec).Append("/v0.1\", for: SECURITY")
                .Append(RenamedImport(spec, supergraph.AccessNames.GetValueOrDefault(spec, spec))).Append(")\n");
        }

        if (supergraph.UsesContext)
        {
            builder.Append("  @link(url: \"https://specs.apollo.dev/context/v0.1\", for: SECURITY)\n");
        }

        if (supergraph.UsesCost)
        {
            builder.Append("  @link(url: \"https://specs.apollo.dev/cost/v0.1\"").Append(supergraph.UsesListSize ? ", import: [\"@listSize\"]" : "").Append(")\n");
        }

        foreach (var composed in supergraph.ComposedDirectives.Where(c => c.LinkUrl is not null).GroupBy(c => c.LinkUrl))
        {
            var imports = string.Join(", ", composed.Select(c => c.ImportName is null || c.ImportName == "@" + c.Name
                ? ValuePrinter.Quote("@" + c.Name)
                : $"{{name: {ValuePrinter.Quote(c.ImportName)}, as: {ValuePrinter.Quote("@" + c.Name)}}}"));
            builder.Append("  @link(url: ").Append(ValuePrinter.Quote(composed.Key!)).Append(", import: [").Append(imports).Append("])\n");
        }

        builder.Append("{\n");
        foreach (var operation in supergraph.RootOperations)
        {
            var typeName = char.ToUpperInvariant(operation[0]) + operation[1..];
            builder.Append("  ").Append(operation).Append(": ").Append(typeName).Append('\n');
        }

        return builder.Append('}').ToString();
    }

    private static string RenamedImport(string name, string printedName) =>
        name == printedName ? "" : $", import: [{{name: \"@{name}\", as: \"@{printedName}\"}}]";

    private static string PrintGraphEnum(Supergraph supergraph)
    {
        var builder = new StringBuilder("enum join__Graph {\n");
        foreach (var subgraph in supergraph.Subgraphs)
        {
            builder.Append("  ").Append(supergraph.GraphEnumNames[subgraph.Name])
                .Append(" @join__graph(name: ").Append(ValuePrinter.Quote(subgraph.Name))
                .Append(", url: ").Append(ValuePrinter.Quote(subgraph.Url)).Append(")\n");
        }

        return builder.Append('}').ToString();
    }

    private static string PrintType(SupergraphType type)
    {
        var builder = new StringBuilder();
        builder.Append(Description(type.Description, "", firstInBlock: true));
        var keyword = type.Kind switch
        {
            TypeKind.Object => "type",
            TypeKind.Interface => "interface",
            TypeKind.Union => "union",
            TypeKind.Enum => "enum",
            TypeKind.InputObject => "input",
            _ => "scalar",
        };
        builder.Append(keyword).Append(' ').Append(type.Name);
        if (type.Interfaces.Count > 0)
        {
            builder.Append(" implements ").Append(string.Join(" & ", type.Interfaces));
        }

        foreach (var directive in type.Directives)
        {
            builder.Append("\n  ").Append(directive);
        }

        switch (type.Kind)
        {
            case TypeKind.Scalar:
                break;
            case TypeKind.Union:
                if (type.UnionMembers.Count > 0)
                {
                    builder.Append("\n = ").Append(string.Join(" | ", type.UnionMembers));
                }

                break;
            case TypeKind.Enum:
                builder.Append(type.Directives.Count > 0 ? "\n{\n" : " {\n");
                builder.Append(string.Join("\n", type.EnumValues.Select((v, i) =>
                    Description(v.Description, "  ", i == 0) + "  " + v.Name + Directives(v.Directives))));
                builder.Append("\n}");
                break;
            default:
                builder.Append(type.Directives.Count > 0 ? "\n{\n" : " {\n");
                builder.Append(string.Join("\n", type.Fields.Select((f, i) => PrintField(f, i == 0, type.Kind == TypeKind.InputObject))));
                builder.Append("\n}");
                break;
        }

        return builder.ToString();
    }

    private static string PrintField(SupergraphField field, bool first, bool isInput)
    {
        var builder = new StringBuilder(Description(field.Description, "  ", first));
        builder.Append("  ").Append(field.Name);
        if (!isInput)
        {
            builder.Append(Arguments(field.Arguments));
        }

        builder.Append(": ").Append(field.Type);
        if (field.DefaultValue is not null)
        {
            builder.Append(" = ").Append(field.DefaultValue);
        }

        return builder.Append(Directives(field.Directives)).ToString();
    }

    private static string Arguments(List<SupergraphArgument> arguments)
    {
        if (arguments.Count == 0)
        {
            return "";
        }

        if (arguments.TrueForAll(a => a.Description is null))
        {
            return "(" + string.Join(", ", arguments.Select(Argument)) + ")";
        }

        return "(\n" + string.Join("\n", arguments.Select((a, i) => Description(a.Description, "    ", i == 0) + "    " + Argument(a))) + "\n  )";
    }

    private static string Argument(SupergraphArgument argument) =>
        argument.Name + ": " + argument.Type + (argument.DefaultValue is null ? "" : " = " + argument.DefaultValue) + Directives(argument.Directives);

    private static string Directives(List<string> directives) => directives.Count == 0 ? "" : " " + string.Join(" ", directives);

    private static string Description(string? description, string indentation, bool firstInBlock)
    {
        if (description is null)
        {
            return "";
        }

        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + BlockString(description).Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }

    /// <summary>graphql-js's block string layout: one line when short and simple, else the text between lines of quotes.</summary>
    public static string BlockString(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escaped.Split('\n');
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
        var multipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuotes;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        var result = new StringBuilder("\"\"\"");
        if ((multipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            result.Append('\n');
        }

        result.Append(escaped);
        if (multipleLines || forceTrailingNewLine)
        {
            result.Append('\n');
        }

        return result.Append("\"\"\"").ToString();
    }
}
