using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

internal sealed partial class SchemaMerger
{
    private SupergraphType MergeComposite(string name, TypeKind kind, List<(SubgraphSchema Subgraph, SubgraphType Type)> sources)
    {
        var merged = StartType(name, kind, sources);
        foreach (var (subgraph, type) in sources)
        {
            foreach (var itf in type.Interfaces)
            {
                merged.JoinImplements.Add((subgraph.Name, itf));
            }
        }

        AddDistinct(merged.Interfaces, sources.SelectMany(s => s.Type.Interfaces));
        var fieldNames = new List<string>();
        AddDistinct(fieldNames, sources.SelectMany(s => s.Type.Fields.Select(f => f.Name)));
        var typeGraphCount = sources.Count;
        foreach (var fieldName in fieldNames)
        {
            var definedIn = sources.Where(s => s.Type.Field(fieldName) is not null)
                .Select(s => (s.Subgraph, Type: s.Type, Field: s.Type.Field(fieldName)!))
                .ToList();
            var field = MergeField(name, kind, fieldName, definedIn, typeGraphCount);
            if (field is not null)
            {
                merged.Fields.Add(field);
            }
        }

        FinishTypeDirectives(merged, sources);
        return merged;
    }

    private SupergraphField? MergeField(string typeName, TypeKind kind, string fieldName, List<(SubgraphSchema Subgraph, SubgraphType Type, SubgraphField Field)> definedIn, int typeGraphCount)
    {
        var coordinate = $"{typeName}.{fieldName}";

        // A field taken over with @override stays in the source subgraph only when that subgraph still needs it.
        var sources = new List<(SubgraphSchema Subgraph, SubgraphType Type, SubgraphField Field, bool UsedOverridden)>();
        foreach (var (subgraph, _, field) in definedIn.Where(d => d.Field.OverrideFrom is not null))
        {
            var source = definedIn.Find(d => d.Subgraph.Name == field.OverrideFrom);
            if (source.Field?.OverrideFrom is not null)
            {
                errors.Add(new CompositionError(
                    ErrorCodes.OverrideSourceHasOverride,
                    $"Field \"{coordinate}\" on subgraph \"{subgraph.Name}\" is also marked with directive @override in subgraph \"{source.Subgraph.Name}\". Only one @override directive is allowed per field.",
                    subgraph.Name,
                    subgraph.LocationOf(field.Node)));
            }
            else if (field.OverrideFrom != subgraph.Name)
            {
                OverrideHint(coordinate, subgraph, field, source);
            }
        }

        foreach (var (subgraph, owner, field) in definedIn)
        {
            // An override whose source overrides too is an error (reported above) and moves nothing;
            // a progressive (labelled) override keeps the source, which serves the rest of the traffic.
            var overriddenBy = definedIn.Find(d => d.Field.OverrideFrom == subgraph.Name && d.Subgraph != subgraph && field.OverrideFrom is null);
            // An @external source resolves nothing to take over: it stays as it is.
            if (overriddenBy.Field is null || overriddenBy.Field.OverrideLabel is not null || field.External)
            {
                sources.Add((subgraph, owner, field, false));
            }
            else if (IsUsedInSubgraph(subgraph, owner, field))
            {
                sources.Add((subgraph, owner, field, true));
            }
        }

        var resolving = sources.Where(s => !s.Field.External).ToList();
        if (resolving.Count == 0 && kind == TypeKind.Object)
        {
            var names = string.Join(", ", definedIn.Select(d => $"\"{d.Subgraph.Name}\""));
            errors.Add(new CompositionError(
                ErrorCodes.ExternalMissingOnBase,
                $"Field \"{coordinate}\" is marked @external on all the subgraphs in which it is listed (subgraph{(definedIn.Count > 1 ? "s" : "")} {names}).",
                definedIn[0].Subgraph.Name,
                definedIn[0].Subgraph.LocationOf(definedIn[0].Field.Node)));
            return null;
        }

        var typed = (resolving.Count > 0 ? resolving : sources).Select(s => (s.Subgraph, s.Field.Type)).ToList();
        var type = MergeOutputType(typed, $"Type of field \"{coordinate}\"");
        if (type is null)
        {
            return null;
        }

        CompatibleTypeHint(HintCodes.InconsistentButCompatibleFieldType, "field", coordinate, type, "subtype", typed.Select(t => (t.Subgraph.Name, t.Type)));

        foreach (var external in sources.Where(s => s.Field.External))
        {
            if (!SameShape(external.Field.Type, type))
            {
                errors.Add(new CompositionError(
                    ErrorCodes.ExternalTypeMismatch,
                    $"Type of field \"{coordinate}\" is incompatible across subgraphs (where marked @external): it has type \"{type}\" in subgraph \"{resolving[0].Subgraph.Name}\" but type \"{external.Field.Type}\" in subgraph \"{external.Subgraph.Name}\"",
                    external.Subgraph.Name,
                    external.Subgraph.LocationOf(external.Field.Node)));
            }
        }

        if (kind == TypeKind.Object)
        {
            var labelled = definedIn.Exists(d => d.Field.OverrideLabel is not null);
            // An @external field that a @provides of its subgraph names is resolved there too.
            CheckSharing(coordinate, sources.Where(s => (!s.Field.External || IsProvided(s.Subgraph, typeName, fieldName)) && !s.UsedOverridden && !(labelled && (s.Field.OverrideLabel is not null || definedIn.Exists(d => d.Field.OverrideFrom == s.Subgraph.Name)))).Select(s => (s.Subgraph, s.Type, s.Field)).ToList());
        }

        var merged = new SupergraphField(fieldName, type)
        {
            Description = MergeDescription(coordinate, definedIn.Select(d => (d.Subgraph.Name, d.Field.Description))),
            Inaccessible = definedIn.Exists(d => d.Field.Inaccessible),
        };
        MergeArguments(merged, coordinate, definedIn.Select(d => (d.Subgraph, d.Field)).ToList());
        foreach (var (subgraph, _, field, usedOverridden) in sources)
        {
            var label = field.OverrideLabel ?? definedIn.Find(d => d.Field.OverrideFrom == subgraph.Name && d.Field.OverrideLabel is not null).Field?.OverrideLabel;
            merged.Sources.Add(new FieldSource(subgraph.Name, field.Type, field.External, field.Requires, field.Provides, field.OverrideFrom, usedOverridden, label, ContextArguments(subgraph, field)));
        }

        if (merged.Inaccessible)
        {
            merged.Directives.Add("@inaccessible");
        }

        var allTypesEqual = merged.Sources.TrueForAll(s => s.Type.ToString() == type.ToString());
        var needsJoinField = merged.Sources.Count != typeGraphCount
            || !allTypesEqual
            || merged.Sources.Exists(s => s.External || s.Requires is not null || s.Provides is not null || s.UsedOverridden || s.OverrideLabel is not null || s.ContextArguments is not null);
        if (needsJoinField)
        {
            foreach (var source in merged.Sources)
            {
                merged.Directives.Add(JoinField(source, allTypesEqual));
            }
        }

        AddOtherDirectives(merged.Directives, definedIn.SelectMany(d => d.Field.OtherDirectives), coordinate);
        return merged;
    }

    private string JoinField(FieldSource source, bool omitType)
    {
        var arguments = new List<string> { $"graph: {G(source.Graph)}" };
        if (source.Requires is not null)
        {
            arguments.Add($"requires: {ValuePrinter.Quote(source.Requires)}");
        }

        if (source.Provides is not null)
        {
            arguments.Add($"provides: {ValuePrinter.Quote(source.Provides)}");
        }

        if (!omitType)
        {
            arguments.Add($"type: {ValuePrinter.Quote(source.Type.ToString())}");
        }

        if (source.External)
        {
            arguments.Add("external: true");
        }

        if (source.OverrideFrom is not null)
        {
            arguments.Add($"override: {ValuePrinter.Quote(source.OverrideFrom)}");
        }

        if (source.UsedOverridden)
        {
            arguments.Add("usedOverridden: true");
        }

        if (source.OverrideLabel is not null)
        {
            arguments.Add($"overrideLabel: {ValuePrinter.Quote(source.OverrideLabel)}");
        }

        if (source.ContextArguments is not null)
        {
            arguments.Add($"contextArguments: {source.ContextArguments}");
        }

        return $"@join__field({string.Join(", ", arguments)})";
    }

    /// <summary>
    /// The join__field <c>contextArguments</c> of a field with @fromContext arguments: each names the context (prefixed
    /// with the subgraph, as contexts are per subgraph), the argument, its type and the selection read from the context.
    /// </summary>
    private static string? ContextArguments(SubgraphSchema subgraph, SubgraphField field)
    {
        var contextual = field.Arguments.Where(a => a.FromContext is not null).Select(a => (Argument: a, Reference: ContextReference.Parse(a.FromContext!))).Where(c => c.Reference is not null).ToList();
        return contextual.Count == 0
            ? null
            : "[" + string.Join(", ", contextual.Select(c => $"{{context: {ValuePrinter.Quote(subgraph.Name + "__" + c.Reference!.Context)}, name: {ValuePrinter.Quote(c.Argument.Name)}, type: {ValuePrinter.Quote(c.Argument.Type.ToString())}, selection: {ValuePrinter.Quote(c.Reference.Selection)}}}")) + "]";
    }

    private static bool SameShape(TypeReference external, TypeReference merged)
    {
        var a = external.Nullable;
        var b = merged.Nullable;
        if (a.Kind == TypeReferenceKind.List || b.Kind == TypeReferenceKind.List)
        {
            return a.Kind == b.Kind && SameShape(a.Inner!, b.Inner!);
        }

        return a.Name == b.Name;
    }

    /// <summary>
    /// Whether the overridden subgraph still needs its field (Apollo's <c>isFieldUsed</c>): a key, @requires or @provides
    /// selects it, or it implements a field of an interface its type implements.
    /// </summary>
    private static bool IsUsedInSubgraph(SubgraphSchema subgraph, SubgraphType type, SubgraphField field) =>
        ExternalUsage.UsedExternals(subgraph).Contains((type.Name, field.Name))
        || type.Interfaces.Exists(i => subgraph.Types.TryGetValue(i, out var itf) && itf.Field(field.Name) is not null);

    private void CheckSharing(string coordinate, List<(SubgraphSchema Subgraph, SubgraphType Type, SubgraphField Field)> resolving)
    {
        if (resolving.Count < 2)
        {
            return;
        }

        var nonShareable = resolving.Where(r => !IsShareable(r.Subgraph, r.Type, r.Field)).Select(r => r.Subgraph.Name).ToList();
        if (nonShareable.Count == 0)
        {
            CheckRuntimeTypes(coordinate, resolving);
            return;
        }

        var all = Quoted(resolving.Select(r => r.Subgraph.Name).ToList());
        var where = nonShareable.Count == resolving.Count
            ? "all of them"
            : nonShareable.Count == 1 ? $"subgraph \"{nonShareable[0]}\"" : $"subgraphs {Quoted(nonShareable)}";
        var targetless = resolving.Find(r => nonShareable.Contains(r.Subgraph.Name) && r.Field.OverrideFrom is { } from && !subgraphs.Exists(s => s.Name == from));
        var note = targetless.Field is null
            ? ""
            : $" (please note that \"{coordinate}\" has an @override directive in \"{targetless.Subgraph.Name}\" that targets an unknown subgraph so this could be due to misspelling the @override(from:) argument)";
        errors.Add(new CompositionError(
            ErrorCodes.InvalidFieldSharing,
            $"Non-shareable field \"{coordinate}\" is resolved from multiple subgraphs: it is resolved from subgraphs {all} and defined as non-shareable in {where}{note}",
            nonShareable[0],
            resolving.First(r => r.Subgraph.Name == nonShareable[0]).Subgraph.LocationOf(resolving.First(r => r.Subgraph.Name == nonShareable[0]).Field.Node)));
    }

    private static string Quoted(List<string> names) => names.Count == 1
        ? $"\"{names[0]}\""
        : string.Join(", ", names.Take(names.Count - 1).Select(n => $"\"{n}\"")) + $" and \"{names[^1]}\"";

    private static bool IsProvided(SubgraphSchema subgraph, string typeName, string fieldName) =>
        subgraph.Types.Values.Any(t => t.Fields.Exists(f => f.Provides is not null && IsProvidedBy(subgraph, f, typeName, fieldName)));

    private static bool IsProvidedBy(SubgraphSchema subgraph, SubgraphField providing, string typeName, string fieldName)
    {
        var target = providing.Type.NamedType;
        var selections = FieldSet.TryParse(providing.Provides!) ?? [];
        return Provides(target, selections);

        bool Provides(string onType, IReadOnlyList<FieldSelection> level)
        {
            foreach (var selection in level)
            {
                var candidates = subgraph.Types.TryGetValue(onType, out var t) && t.Kind != TypeKind.Object
                    ? subgraph.Types.Values.Where(o => o.Interfaces.Contains(onType) || t.UnionMembers.Contains(o.Name)).Select(o => o.Name).Append(onType)
                    : [onType];
                foreach (var candidate in candidates)
                {
                    if (candidate == typeName && selection.Name == fieldName)
                    {
                        return true;
                    }

                    var next = subgraph.Types.GetValueOrDefault(candidate)?.Field(selection.Name);
                    if (next is not null && Provides(next.Type.NamedType, selection.Selections))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    private bool IsShareable(SubgraphSchema subgraph, SubgraphType type, SubgraphField field)
    {
        if (!subgraph.IsFederation2 || field.Shareable || type.Shareable || field.External)
        {
            return true;
        }

        // A field some key selects (nested key selections included) is shareable: every subgraph with the key resolves it.
        if (!keyFields.TryGetValue(subgraph.Name, out var fields))
        {
            fields = ExternalUsage.KeyFields(subgraph);
            keyFields[subgraph.Name] = fields;
        }

        return fields.Contains((type.Name, field.Name));
    }

    /// <summary>A field shared by subgraphs must be able to return at least one common concrete type.</summary>
    private void CheckRuntimeTypes(string coordinate, List<(SubgraphSchema Subgraph, SubgraphType Type, SubgraphField Field)> resolving)
    {
        var returnType = resolving[0].Field.Type.NamedType;
        var perSubgraph = new List<(string Subgraph, HashSet<string> Types)>();
        foreach (var (subgraph, _, field) in resolving)
        {
            if (!subgraph.Types.TryGetValue(field.Type.NamedType, out var target) || target.Kind is not (TypeKind.Interface or TypeKind.Union) || target.InterfaceObject)
            {
                return;
            }

            var runtime = target.Kind == TypeKind.Union
                ? target.UnionMembers.ToHashSet(StringComparer.Ordinal)
                : subgraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(target.Name)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            perSubgraph.Add((subgraph.Name, runtime));
        }

        var common = new HashSet<string>(perSubgraph[0].Types, StringComparer.Ordinal);
        foreach (var (_, types) in perSubgraph.Skip(1))
        {
            common.IntersectWith(types);
        }

        if (common.Count == 0)
        {
            var listing = string.Join(";\n", perSubgraph.Select(p => $" - in subgraph \"{p.Subgraph}\", {(p.Types.Count == 1 ? "type" : "types")} {string.Join(", ", p.Types.Order(StringComparer.Ordinal).Select(t => $"\"{t}\""))}"));
            errors.Add(new CompositionError(
                ErrorCodes.ShareableHasMismatchedRuntimeTypes,
                $"Shared field \"{coordinate}\" return type \"{returnType}\" has a non-intersecting set of possible runtime types across subgraphs. Runtime types in subgraphs are:\n{listing}.\nThis is not allowed as shared fields must resolve the same way in all subgraphs, and that implies at least some common runtime types between the subgraphs."));
        }
    }

    private void MergeArguments(SupergraphField merged, string coordinate, List<(SubgraphSchema Subgraph, SubgraphField Field)> definedIn)
    {
        var names = new List<string>();
        AddDistinct(names, definedIn.SelectMany(d => d.Field.Arguments.Select(a => a.Name)));
        foreach (var name in names)
        {
            var having = definedIn.Where(d => d.Field.Arguments.Exists(a => a.Name == name))
                .Select(d => (d.Subgraph, Argument: d.Field.Arguments.First(a => a.Name == name)))
                .ToList();

            // A contextual argument is filled by the gateway from the context, so it is not part of the supergraph field.
            if (having.Exists(h => h.Argument.FromContext is not null))
            {
                foreach (var (subgraph, _) in having.Where(h => h.Argument.FromContext is null && h.Argument.IsRequired))
                {
                    errors.Add(new CompositionError(
                        ErrorCodes.ContextualArgumentNotContextualInAllSubgraphs,
                        $"Argument \"{coordinate}({name}:)\" is contextual in at least one subgraph but in \"{coordinate}({name}:)\" it does not have @fromContext, is not nullable and has no default value.",
                        subgraph.Name));
                }

                continue;
            }

            if (having.Count < definedIn.Count)
            {
                var required = having.Find(h => h.Argument.IsRequired);
                if (required.Argument is not null)
                {
                    var missing = definedIn.First(d => !d.Field.Arguments.Exists(a => a.Name == name));
                    errors.Add(new CompositionError(
                        ErrorCodes.RequiredArgumentMissingInSomeSubgraph,
                        $"Argument \"{coordinate}({name}:)\" is required in some subgraphs but does not appear in all subgraphs: it is required in subgraph \"{required.Subgraph.Name}\" but does not appear in subgraph \"{missing.Subgraph.Name}\"",
                        missing.Subgraph.Name,
                        missing.Subgraph.LocationOf(missing.Field.Node)));
                }
                else
                {
                    PresenceHint(
                        HintCodes.InconsistentArgumentPresence,
                        $"Optional argument \"{coordinate}({name}:)\" will not be included in the supergraph as it does not appear in all subgraphs: ",
                        "it",
                        subgraphs.Select(s => (s.Name, having.Exists(h => h.Subgraph == s))));
                }

                continue;
            }

            var type = MergeInputType(having.Select(h => (h.Subgraph, h.Argument.Type)).ToList(), $"Type of argument \"{coordinate}({name}:)\"", ErrorCodes.ArgumentTypeMismatch);
            if (type is not null)
            {
                CompatibleTypeHint(HintCodes.InconsistentButCompatibleArgumentType, "argument", $"{coordinate}({name}:)", type, "supertype", having.Select(h => (h.Subgraph.Name, h.Argument.Type)));
            }

            if (type is null)
            {
                continue;
            }

            var argument = new SupergraphArgument(name, type)
            {
                Description = MergeDescription($"{coordinate}({name}:)", having.Select(h => (h.Subgraph.Name, h.Argument.Description))),
                Inaccessible = having.Exists(h => h.Argument.Inaccessible),
                DefaultValue = MergeDefault(having.Select(h => (h.Subgraph, h.Argument.DefaultValue)).ToList(), ErrorCodes.ArgumentDefaultMismatch, $"Argument \"{coordinate}({name}:)\""),
            };
            if (argument.Inaccessible)
            {
                argument.Directives.Add("@inaccessible");
            }

            AddOtherDirectives(argument.Directives, having.SelectMany(h => h.Argument.OtherDirectives), $"{coordinate}({name}:)");
            merged.Arguments.Add(argument);
        }
    }

    /// <summary>
    /// Fields an @interfaceObject contributes to an interface exist on every implementation too; they
    /// are resolved through the interface object's subgraph, so they carry a bare @join__field.
    /// </summary>
    private void AddInterfaceObjectFields()
    {
        foreach (var itf in supergraph.Types.Values.Where(t => t.Kind == TypeKind.Interface && t.JoinTypes.Exists(j => j.IsInterfaceObject)))
        {
            foreach (var implementation in supergraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(itf.Name)))
            {
                foreach (var field in itf.Fields.Where(f => implementation.Field(f.Name) is null))
                {
                    var copy = new SupergraphField(field.Name, field.Type) { Description = field.Description, Inaccessible = field.Inaccessible, FromInterfaceObject = true };
                    copy.Arguments.AddRange(field.Arguments);
                    if (copy.Inaccessible)
                    {
                        copy.Directives.Add("@inaccessible");
                    }

                    copy.Directives.Add("@join__field");
                    implementation.Fields.Add(copy);
                }
            }
        }
    }

    private void MergeComposedDirectives()
    {
        var byName = subgraphs.SelectMany(s => s.ComposedDirectives).GroupBy(d => d.Name, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            supergraph.ComposedDirectives.Add(group.First());
        }
    }
}
