using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

/// <summary>
/// Merges validated subgraphs into a <see cref="Supergraph"/> following Federation 2's rules: types
/// are unions of their subgraph definitions, output field types widen to a common supertype, input
/// types and arguments intersect, enums merge by union or intersection depending on where they are
/// used, and each element records which subgraphs define it (join__type/field/enumValue/...).
/// </summary>
internal sealed partial class SchemaMerger
{
    private readonly List<SubgraphSchema> subgraphs;
    private readonly List<CompositionError> errors;
    private readonly List<CompositionHint> hints;
    private readonly Supergraph supergraph;
    private readonly HashSet<string> inputEnums = new(StringComparer.Ordinal);
    private readonly HashSet<string> outputEnums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Type, string Field)> inputEnumExample = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Type, string Field)> outputEnumExample = new(StringComparer.Ordinal);

    /// <summary>Per subgraph, the fields its keys select (shareable without @shareable).</summary>
    private readonly Dictionary<string, HashSet<(string Type, string Field)>> keyFields = new(StringComparer.Ordinal);

    /// <summary>For every abstract type, the types that implement it or belong to it in some subgraph.</summary>
    private readonly Dictionary<string, HashSet<string>> possibleTypes = new(StringComparer.Ordinal);

    private SchemaMerger(List<SubgraphSchema> subgraphs, List<CompositionError> errors, List<CompositionHint> hints)
    {
        this.subgraphs = subgraphs;
        this.errors = errors;
        this.hints = hints;
        supergraph = new Supergraph { Subgraphs = subgraphs, GraphEnumNames = GraphEnumNames(subgraphs) };
    }

    public static Supergraph Merge(List<SubgraphSchema> subgraphs, List<CompositionError> errors, List<CompositionHint> hints)
    {
        var merger = new SchemaMerger(subgraphs, errors, hints);
        merger.Run();
        return merger.supergraph;
    }

    private static Dictionary<string, string> GraphEnumNames(List<SubgraphSchema> subgraphs)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subgraph in subgraphs)
        {
            var chars = subgraph.Name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
            var name = new string(chars);
            if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            {
                name = "_" + name;
            }

            var candidate = name;
            for (var i = 1; !used.Add(candidate); i++)
            {
                candidate = name + "_" + i;
            }

            names[subgraph.Name] = candidate;
        }

        return names;
    }

    private void Run()
    {
        CollectUsages();
        var typeNames = new List<string>();
        foreach (var subgraph in subgraphs)
        {
            typeNames.AddRange(subgraph.Types.Keys.Where(n => !typeNames.Contains(n)));
        }

        foreach (var name in typeNames)
        {
            var sources = subgraphs.Where(s => s.Types.ContainsKey(name)).Select(s => (Subgraph: s, Type: s.Types[name])).ToList();
            var kind = KindOf(sources[0].Type);
            var mismatch = sources.Find(s => KindOf(s.Type) != kind);
            if (mismatch.Type is not null)
            {
                errors.Add(new CompositionError(
                    ErrorCodes.TypeKindMismatch,
                    $"Type \"{name}\" has mismatched kind: it is defined as {KindName(kind)} in subgraph \"{sources[0].Subgraph.Name}\" but {KindName(KindOf(mismatch.Type))} in subgraph \"{mismatch.Subgraph.Name}\"",
                    mismatch.Subgraph.Name,
                    mismatch.Subgraph.LocationOf(mismatch.Type.Node)));
                continue;
            }

            if (kind == TypeKind.Interface && sources.TrueForAll(s => s.Type.InterfaceObject))
            {
                errors.Add(new CompositionError(
                    ErrorCodes.InterfaceObjectUsageError,
                    $"Type \"{name}\" is declared with @interfaceObject in all the subgraphs in which it is defined (it is defined in {PrintSubgraphNames(sources.Select(s => s.Subgraph.Name).ToList())} but should be defined as an interface in at least one subgraph)",
                    sources[0].Subgraph.Name,
                    sources[0].Subgraph.LocationOf(sources[0].Type.Node)));
                continue;
            }

            var merged = kind switch
            {
                TypeKind.Object or TypeKind.Interface => MergeComposite(name, kind, sources),
                TypeKind.Union => MergeUnion(name, sources),
                TypeKind.Enum => MergeEnum(name, sources),
                TypeKind.InputObject => MergeInput(name, sources),
                _ => MergeScalar(name, sources),
            };
            if (merged is not null)
            {
                supergraph.Types[name] = merged;
            }
        }

        AddInterfaceObjectFields();
        PropagateAccessRules();
        CheckTransitiveAccessRules();
        if (!supergraph.Types.TryGetValue("Query", out var query) || query.Fields.Count == 0)
        {
            errors.Add(new CompositionError(ErrorCodes.NoQueries, "No queries found in any subgraph: a supergraph must have a query root type."));
        }

        foreach (var operation in new[] { "query", "mutation", "subscription" })
        {
            if (subgraphs.Any(s => s.RootTypes.ContainsKey(operation)))
            {
                supergraph.RootOperations.Add(operation);
            }
        }

        MergeComposedDirectives();
        supergraph.Description = MergeDescription(null, subgraphs.Select(s => (s.Name, s.SchemaDescription)));
        supergraph.UsesInaccessible = supergraph.Types.Values.Any(t => t.Inaccessible
            || t.Fields.Any(f => f.Inaccessible || f.Arguments.Any(a => a.Inaccessible))
            || t.EnumValues.Any(v => v.Inaccessible));
        var federationMinor = subgraphs.Max(s => s.FederationMinorVersion);
        supergraph.JoinVersion = federationMinor >= 8 ? 5 : federationMinor == 7 ? 4 : 3;
        var applied = supergraph.Types.Values.SelectMany(t => t.Directives.Concat(t.Fields.SelectMany(f => f.Directives.Concat(f.Arguments.SelectMany(a => a.Directives)))).Concat(t.EnumValues.SelectMany(v => v.Directives))).ToList();
        supergraph.UsesListSize = applied.Exists(d => d.StartsWith("@listSize(", StringComparison.Ordinal));
        supergraph.UsesCost = supergraph.UsesListSize || applied.Exists(d => d.StartsWith("@cost(", StringComparison.Ordinal));
        foreach (var (spec, printed) in new[] { ("authenticated", "@authenticated"), ("requiresScopes", "@requiresScopes(scopes: "), ("policy", "@policy(policies: ") })
        {
            if (supergraph.ComposedDirectives.TrueForAll(c => c.Name != spec) && applied.Exists(d => d.StartsWith(printed, StringComparison.Ordinal)))
            {
                supergraph.AccessControlSpecs.Add(spec);
                supergraph.AccessNames[spec] = subgraphs.Select(s => s.AccessNames.GetValueOrDefault(spec)).FirstOrDefault(n => n is not null) ?? spec;
            }
        }

        RenameAccessDirectives();

        supergraph.TagName = subgraphs.Select(s => s.TagName).FirstOrDefault(n => n is not null) ?? "tag";
        supergraph.InaccessibleName = subgraphs.Select(s => s.InaccessibleName).FirstOrDefault(n => n is not null) ?? "inaccessible";
        supergraph.UsesTag = subgraphs.Any(s => s.Types.Values.Any(t => t.OtherDirectives.Any(IsTag)
            || t.Fields.Any(f => f.OtherDirectives.Any(IsTag) || f.Arguments.Any(a => a.OtherDirectives.Any(IsTag)))
            || t.EnumValues.Any(v => v.OtherDirectives.Any(IsTag))));
    }

    private static bool IsTag(string directive) => directive.StartsWith("@tag(", StringComparison.Ordinal);

    private static TypeKind KindOf(SubgraphType type) => type.InterfaceObject ? TypeKind.Interface : type.Kind;

    private static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Object => "Object Type",
        TypeKind.Interface => "Interface Type",
        TypeKind.Union => "Union Type",
        TypeKind.Enum => "Enum Type",
        TypeKind.InputObject => "Input Object Type",
        _ => "Scalar Type",
    };

    private string G(string subgraphName) => supergraph.GraphEnumNames[subgraphName];

    private void CollectUsages()
    {
        foreach (var subgraph in subgraphs)
        {
            foreach (var type in subgraph.Types.Values)
            {
                foreach (var member in type.UnionMembers)
                {
                    PossibleTypes(type.Name).Add(member);
                }

                foreach (var itf in type.Interfaces)
                {
                    PossibleTypes(itf).Add(type.Name);
                }

                foreach (var field in type.Fields)
                {
                    if (type.Kind == TypeKind.InputObject)
                    {
                        Note(inputEnums, inputEnumExample, field.Type, type.Name, field.Name);
                        continue;
                    }

                    Note(outputEnums, outputEnumExample, field.Type, type.Name, field.Name);
                    foreach (var argument in field.Arguments)
                    {
                        Note(inputEnums, inputEnumExample, argument.Type, type.Name, $"{field.Name}({argument.Name}:)");
                    }
                }
            }
        }

        void Note(HashSet<string> set, Dictionary<string, (string, string)> examples, TypeReference reference, string typeName, string fieldName)
        {
            if (set.Add(reference.NamedType))
            {
                examples[reference.NamedType] = (typeName, fieldName);
            }
        }
    }

    private HashSet<string> PossibleTypes(string abstractType)
    {
        if (!possibleTypes.TryGetValue(abstractType, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            possibleTypes[abstractType] = set;
        }

        return set;
    }

    private static void AddDistinct(List<string> target, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (!target.Contains(value))
            {
                target.Add(value);
            }
        }
    }

    /// <summary>
    /// Adds the tag, deprecation, access-control and composed directives of every source once. Access
    /// rules from several subgraphs must all hold: each access directive merges into one application
    /// (<see cref="AccessRules.Merge"/>). Merging different applications is hinted (MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS).
    /// </summary>
    private void AddOtherDirectives(List<string> target, IEnumerable<string> all, string coordinate)
    {
        var list = all.ToList();

        // Apollo merges the access directives before the others, in the order of their specs.
        foreach (var kind in AccessRules.Kinds)
        {
            var applications = list.Where(d => AccessRules.KindOf(d) == kind).ToList();
            if (applications.Count > 0 && !target.Exists(d => AccessRules.KindOf(d) == kind))
            {
                target.Add(AccessRules.Merge(kind, applications));
                if (kind != AccessRules.Authenticated && applications.Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    var name = applications[0][1..applications[0].IndexOf('(', StringComparison.Ordinal)];
                    MergedDirectiveHint(name, coordinate, name == "requiresScopes" ? "{ \"scopes\": DNF_CONJUNCTION }" : "{ \"policies\": DNF_CONJUNCTION }");
                }
            }
        }

        // @cost and @listSize are not repeatable: different applications merge into one (Apollo's MAX, NULLABLE_MAX, NULLABLE_UNION, NULLABLE_AND).
        foreach (var name in new[] { "@cost(", "@listSize(" })
        {
            var applications = list.Where(d => d.StartsWith(name, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (applications.Count > 1)
            {
                list = [.. list.Where(d => !d.StartsWith(name, StringComparison.Ordinal)), DemandControl.Merge(applications)];
                MergedDirectiveHint(
                    name[1..^1],
                    coordinate,
                    name == "@cost(" ? "{ \"weight\": MAX }" : "{ \"assumedSize\": NULLABLE_MAX, \"slicingArguments\": NULLABLE_UNION, \"sizedFields\": NULLABLE_UNION, \"requireOneSlicingArgument\": NULLABLE_AND }");
            }
        }

        foreach (var directive in list.Where(d => !AccessRules.IsAccessDirective(d)))
        {
            // @deprecated is not repeatable: the first subgraph's reason wins.
            var isSecondDeprecation = (directive == "@deprecated" || directive.StartsWith("@deprecated(", StringComparison.Ordinal))
                && target.Exists(d => d == "@deprecated" || d.StartsWith("@deprecated(", StringComparison.Ordinal));
            if (!isSecondDeprecation && !target.Contains(directive))
            {
                target.Add(directive);
            }
        }
    }

    private SupergraphType MergeScalar(string name, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = StartType(name, TypeKind.Scalar, sources);
        FinishTypeDirectives(merged, sources);
        return merged;
    }

    private SupergraphType StartType(string name, TypeKind kind, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = new SupergraphType(name, kind)
        {
            Description = MergeDescription(name, sources.Select(s => (s.Subgraph.Name, s.Type.Description))),
            Inaccessible = sources.Exists(s => s.Type.Inaccessible),
        };
        foreach (var (subgraph, type) in sources)
        {
            if (type.Keys.Count == 0)
            {
                // Apollo marks only keys as extensions: a type without a key (a union, an enum...) never is.
                merged.JoinTypes.Add(new JoinType(subgraph.Name, null, true, false, type.InterfaceObject));
            }

            foreach (var key in type.Keys)
            {
                var extension = subgraph.IsFederation2 ? key.OnExtension || type.HasExtendsDirective : type.IsExtension;
                merged.JoinTypes.Add(new JoinType(subgraph.Name, key.Fields, key.Resolvable, extension, type.InterfaceObject));
            }
        }

        return merged;
    }

    private void FinishTypeDirectives(SupergraphType merged, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        foreach (var (graph, itf) in merged.JoinImplements)
        {
            merged.Directives.Add($"@join__implements(graph: {G(graph)}, interface: \"{itf}\")");
        }

        foreach (var join in merged.JoinTypes)
        {
            var arguments = new List<string> { $"graph: {G(join.Graph)}" };
            if (join.Key is not null)
            {
                arguments.Add($"key: {ValuePrinter.Quote(join.Key)}");
            }

            if (join.Extension)
            {
                arguments.Add("extension: true");
            }

            if (!join.Resolvable)
            {
                arguments.Add("resolvable: false");
            }

            if (join.IsInterfaceObject)
            {
                arguments.Add("isInterfaceObject: true");
            }

            merged.Directives.Add($"@join__type({string.Join(", ", arguments)})");
        }

        foreach (var (graph, member) in merged.JoinUnionMembers)
        {
            merged.Directives.Add($"@join__unionMember(graph: {G(graph)}, member: \"{member}\")");
        }

        foreach (var (subgraph, type) in sources)
        {
            foreach (var context in type.Contexts)
            {
                merged.Directives.Add($"@context(name: {ValuePrinter.Quote(subgraph.Name + "__" + context)})");
                supergraph.UsesContext = true;
            }
        }

        if (merged.Inaccessible)
        {
            merged.Directives.Add("@inaccessible");
        }

        AddOtherDirectives(merged.Directives, sources.SelectMany(s => s.Type.OtherDirectives), merged.Name);
    }

    private SupergraphType MergeUnion(string name, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = StartType(name, TypeKind.Union, sources);
        AddDistinct(merged.UnionMembers, sources.SelectMany(s => s.Type.UnionMembers));
        foreach (var member in merged.UnionMembers)
        {
            foreach (var (subgraph, type) in sources.Where(s => s.Type.UnionMembers.Contains(member)))
            {
                merged.JoinUnionMembers.Add((subgraph.Name, member));
            }

            if (sources.Exists(s => !s.Type.UnionMembers.Contains(member)))
            {
                PresenceHint(
                    HintCodes.InconsistentUnionMember,
                    $"Union type \"{name}\" includes member type \"{member}\" in some but not all defining subgraphs: ",
                    $"\"{member}\"",
                    sources.Select(s => (s.Subgraph.Name, s.Type.UnionMembers.Contains(member))));
            }
        }

        FinishTypeDirectives(merged, sources);
        return merged;
    }

    private SupergraphType MergeEnum(string name, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = StartType(name, TypeKind.Enum, sources);
        var valueNames = new List<string>();
        AddDistinct(valueNames, sources.SelectMany(s => s.Type.EnumValues.Select(v => v.Name)));
        var asInput = inputEnums.Contains(name);
        var asOutput = outputEnums.Contains(name);
        if (!asInput && !asOutput)
        {
            hints.Add(new CompositionHint(HintCodes.UnusedEnumType, $"Enum type \"{name}\" is defined but unused. It will be included in the supergraph with all the values appearing in any subgraph (\"as if\" it was only used as an output type)."));
        }

        foreach (var valueName in valueNames)
        {
            var definedIn = sources.Where(s => s.Type.EnumValues.Exists(v => v.Name == valueName)).ToList();

            // A value hidden by @inaccessible is not in the API schema, so it may be missing elsewhere.
            var hidden = definedIn.Exists(s => s.Type.EnumValues.Exists(v => v.Name == valueName && v.Inaccessible));
            if (definedIn.Count < sources.Count && !hidden)
            {
                if (asInput && asOutput)
                {
                    var missing = sources.First(s => !definedIn.Contains(s));
                    var input = inputEnumExample[name];
                    var output = outputEnumExample[name];
                    errors.Add(new CompositionError(
                        ErrorCodes.EnumValueMismatch,
                        $"Enum type \"{name}\" is used as both input type (for example, as type of \"{input.Type}.{input.Field}\") and output type (for example, as type of \"{output.Type}.{output.Field}\"), but value \"{valueName}\" is not defined in all the subgraphs defining \"{name}\": \"{valueName}\" is defined in subgraph \"{definedIn[0].Subgraph.Name}\" but not in subgraph \"{missing.Subgraph.Name}\"",
                        missing.Subgraph.Name,
                        missing.Subgraph.LocationOf(missing.Type.Node)));
                    continue;
                }

                if (asInput)
                {
                    PresenceHint(
                        HintCodes.InconsistentEnumValueForInputEnum,
                        $"Value \"{valueName}\" of enum type \"{name}\" will not be part of the supergraph as it is not defined in all the subgraphs defining \"{name}\": ",
                        $"\"{valueName}\"",
                        sources.Select(s => (s.Subgraph.Name, definedIn.Contains(s))));
                    continue;
                }
            }

            if (definedIn.Count < sources.Count && !asInput)
            {
                PresenceHint(
                    HintCodes.InconsistentEnumValueForOutputEnum,
                    $"Value \"{valueName}\" of enum type \"{name}\" has been added to the supergraph but is only defined in a subset of the subgraphs defining \"{name}\": ",
                    $"\"{valueName}\"",
                    sources.Select(s => (s.Subgraph.Name, definedIn.Contains(s))));
            }

            var values = definedIn.Select(s => s.Type.EnumValues.First(v => v.Name == valueName)).ToList();
            var value = new SupergraphEnumValue(valueName)
            {
                Description = MergeDescription($"{name}.{valueName}", definedIn.Select(s => (s.Subgraph.Name, s.Type.EnumValues.First(v => v.Name == valueName).Description))),
                Inaccessible = values.Exists(v => v.Inaccessible),
            };
            value.Graphs.AddRange(definedIn.Select(s => s.Subgraph.Name));
            if (value.Inaccessible)
            {
                value.Directives.Add("@inaccessible");
            }

            value.Directives.AddRange(definedIn.Select(s => $"@join__enumValue(graph: {G(s.Subgraph.Name)})"));
            AddDistinct(value.Directives, values.SelectMany(v => v.OtherDirectives));
            merged.EnumValues.Add(value);
        }

        if (merged.EnumValues.Count == 0 && valueNames.Count > 0)
        {
            errors.Add(new CompositionError(ErrorCodes.EmptyMergedEnumType, $"None of the values of enum type \"{name}\" are defined consistently in all the subgraphs defining that type. As only values common to all subgraphs are merged, this would result in an empty type."));
        }

        FinishTypeDirectives(merged, sources);
        return merged;
    }

    private SupergraphType MergeInput(string name, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = StartType(name, TypeKind.InputObject, sources);
        var fieldNames = new List<string>();
        AddDistinct(fieldNames, sources.SelectMany(s => s.Type.Fields.Select(f => f.Name)));
        foreach (var fieldName in fieldNames)
        {
            var definedIn = sources.Where(s => s.Type.Field(fieldName) is not null).Select(s => (s.Subgraph, Field: s.Type.Field(fieldName)!)).ToList();
            if (definedIn.Count < sources.Count)
            {
                var required = definedIn.Find(d => d.Field.Type.IsNonNull && d.Field.DefaultValue is null);
                if (required.Field is not null)
                {
                    var missing = sources.First(s => s.Type.Field(fieldName) is null);
                    errors.Add(new CompositionError(
                        ErrorCodes.RequiredInputFieldMissingInSomeSubgraph,
                        $"Input object field \"{name}.{fieldName}\" is required in some subgraphs but does not appear in all subgraphs: it is required in subgraph \"{required.Subgraph.Name}\" but does not appear in subgraph \"{missing.Subgraph.Name}\"",
                        missing.Subgraph.Name,
                        missing.Subgraph.LocationOf(missing.Type.Node)));
                }
                else
                {
                    PresenceHint(
                        HintCodes.InconsistentInputObjectField,
                        $"Input object field \"{fieldName}\" will not be added to \"{name}\" in the supergraph as it does not appear in all subgraphs: ",
                        "it",
                        subgraphs.Select(s => (s.Name, definedIn.Exists(d => d.Subgraph == s))));
                }

                continue;
            }

            var type = MergeInputType(definedIn.Select(d => (d.Subgraph, d.Field.Type)).ToList(), $"Type of input field \"{name}.{fieldName}\"");
            if (type is null)
            {
                continue;
            }

            CompatibleTypeHint(HintCodes.InconsistentButCompatibleFieldType, "field", $"{name}.{fieldName}", type, "supertype", definedIn.Select(d => (d.Subgraph.Name, d.Field.Type)));

            var field = new SupergraphField(fieldName, type)
            {
                Description = MergeDescription($"{name}.{fieldName}", definedIn.Select(d => (d.Subgraph.Name, d.Field.Description))),
                Inaccessible = definedIn.Exists(d => d.Field.Inaccessible),
                DefaultValue = MergeDefault(definedIn.Select(d => (d.Subgraph, d.Field.DefaultValue)).ToList(), ErrorCodes.InputFieldDefaultMismatch, $"Input field \"{name}.{fieldName}\""),
            };
            if (field.Inaccessible)
            {
                field.Directives.Add("@inaccessible");
            }

            if (definedIn.Exists(d => d.Field.Type.ToString() != type.ToString()))
            {
                field.Directives.AddRange(definedIn.Select(d => $"@join__field(graph: {G(d.Subgraph.Name)}, type: {ValuePrinter.Quote(d.Field.Type.ToString())})"));
            }

            AddOtherDirectives(field.Directives, definedIn.SelectMany(d => d.Field.OtherDirectives), $"{name}.{fieldName}");
            merged.Fields.Add(field);
        }

        if (!fieldNames.Exists(f => sources.TrueForAll(s => s.Type.Field(f) is not null)))
        {
            errors.Add(new CompositionError(ErrorCodes.EmptyMergedInputType, $"None of the fields of input object type \"{name}\" are consistently defined in all the subgraphs defining that type. As only fields common to all subgraphs are merged, this would result in an empty type."));
        }

        FinishTypeDirectives(merged, sources);
        return merged;
    }

    private string? MergeDefault(List<(SubgraphSchema Subgraph, string? Value)> defaults, string code, string what)
    {
        var present = defaults.Where(d => d.Value is not null).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        // Apollo only rejects two different defaults; a default missing in some subgraph is a hint.
        var conflicting = present.Find(d => d.Value != present[0].Value);
        if (conflicting.Value is not null)
        {
            errors.Add(new CompositionError(code, $"{what} has incompatible default values across subgraphs: it has default value {present[0].Value} in subgraph \"{present[0].Subgraph.Name}\" but default value {conflicting.Value} in subgraph \"{conflicting.Subgraph.Name}\"", conflicting.Subgraph.Name));
        }

        return present[0].Value;
    }

    /// <summary>Input positions take the most restrictive type: a value must be valid for every subgraph.</summary>
    private TypeReference? MergeInputType(List<(SubgraphSchema Subgraph, TypeReference Type)> types, string what, string code = ErrorCodes.FieldTypeMismatch)
    {
        var result = types[0].Type;
        foreach (var (subgraph, type) in types.Skip(1))
        {
            if (IsSubtype(type, result, allowAbstract: false))
            {
                result = type;
            }
            else if (!IsSubtype(result, type, allowAbstract: false))
            {
                errors.Add(new CompositionError(code, $"{what} is incompatible across subgraphs: it has type \"{types[0].Type}\" in subgraph \"{types[0].Subgraph.Name}\" but type \"{type}\" in subgraph \"{subgraph.Name}\"", subgraph.Name));
                return null;
            }
        }

        return result;
    }

    /// <summary>Output positions take the most general type: every subgraph's value must fit it.</summary>
    private TypeReference? MergeOutputType(List<(SubgraphSchema Subgraph, TypeReference Type)> types, string what)
    {
        var result = types[0].Type;
        foreach (var (subgraph, type) in types.Skip(1))
        {
            if (IsSubtype(result, type, allowAbstract: true))
            {
                result = type;
            }
            else if (!IsSubtype(type, result, allowAbstract: true))
            {
                errors.Add(new CompositionError(ErrorCodes.FieldTypeMismatch, $"{what} is incompatible across subgraphs: it has type \"{types[0].Type}\" in subgraph \"{types[0].Subgraph.Name}\" but type \"{type}\" in subgraph \"{subgraph.Name}\"", subgraph.Name));
                return null;
            }
        }

        return result;
    }

    private bool IsSubtype(TypeReference sub, TypeReference super, bool allowAbstract)
    {
        if (sub.ToString() == super.ToString())
        {
            return true;
        }

        if (super.IsNonNull)
        {
            return sub.IsNonNull && IsSubtype(sub.Inner!, super.Inner!, allowAbstract);
        }

        if (sub.IsNonNull)
        {
            return IsSubtype(sub.Inner!, super, allowAbstract);
        }

        if (super.Kind == TypeReferenceKind.List)
        {
            return sub.Kind == TypeReferenceKind.List && IsSubtype(sub.Inner!, super.Inner!, allowAbstract);
        }

        if (sub.Kind == TypeReferenceKind.List)
        {
            return false;
        }

        return sub.Name == super.Name
            || (allowAbstract && possibleTypes.TryGetValue(super.Name, out var members) && members.Contains(sub.Name));
    }
}
