namespace UCE.Gateway.Composition.Subgraphs;

/// <summary>
/// Checks one subgraph's federation directives on their own: keys, @requires, @provides, @override
/// and @external, with the codes Apollo's subgraph validation uses.
/// </summary>
internal static class SubgraphValidator
{
    public static void Validate(SubgraphSchema subgraph, List<CompositionError> errors)
    {
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var key in type.Keys)
            {
                ValidateKey(subgraph, type, key, errors);
                if (type.Kind == TypeKind.Interface && !type.InterfaceObject)
                {
                    var normalized = NormalizeFieldSet(key.Fields);
                    foreach (var implementation in subgraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(type.Name) && !t.Keys.Exists(k => NormalizeFieldSet(k.Fields) == normalized)))
                    {
                        errors.Add(new CompositionError(ErrorCodes.InterfaceKeyNotOnImplementation, $"[{subgraph.Name}] Key @key(fields: \"{key.Fields}\") on interface type \"{type.Name}\" is missing on implementation type \"{implementation.Name}\".", subgraph.Name, subgraph.LocationOf(implementation.Node)));
                    }
                }
            }

            foreach (var field in type.Fields)
            {
                ValidateRequires(subgraph, type, field, errors);
                ValidateProvides(subgraph, type, field, errors);
                if (field.OverrideFrom is not null && field.OverrideFrom == subgraph.Name)
                {
                    errors.Add(Error(subgraph, field, ErrorCodes.OverrideFromSelf, $"Source and destination subgraphs \"{subgraph.Name}\" are the same for overridden field \"{type.Name}.{field.Name}\""));
                }
            }
        }

        if (subgraph.IsFederation2)
        {
            ValidateExternalsAreUsed(subgraph, errors);
            ValidateContexts(subgraph, errors);
        }

        ValidateNoAccessRulesOnInterfaces(subgraph, errors);
    }

    private static string NormalizeFieldSet(string fields) => string.Join(" ", fields.Split([' ', '\n', '\t', '\r', ','], StringSplitOptions.RemoveEmptyEntries));

    private static CompositionError Error(SubgraphSchema subgraph, SubgraphField? field, string code, string message) =>
        new(code, $"[{subgraph.Name}] {message}", subgraph.Name, subgraph.LocationOf(field?.Node));

    private static void ValidateKey(SubgraphSchema subgraph, SubgraphType type, KeyDirective key, List<CompositionError> errors)
    {
        var prefix = $"On type \"{type.Name}\", for @key(fields: \"{key.Fields}\"): ";
        var location = subgraph.LocationOf(key.Node);
        var selections = FieldSet.TryParse(key.Fields);
        if (selections is null)
        {
            errors.Add(new CompositionError(ErrorCodes.KeyInvalidFields, $"[{subgraph.Name}] {prefix}invalid selection set", subgraph.Name, location));
            return;
        }

        Walk(type, selections);

        void Walk(SubgraphType parent, IReadOnlyList<FieldSelection> level)
        {
            foreach (var selection in level)
            {
                var field = parent.Field(selection.Name);
                if (field is null)
                {
                    errors.Add(new CompositionError(ErrorCodes.KeyInvalidFields, $"[{subgraph.Name}] {prefix}Cannot query field \"{selection.Name}\" on type \"{parent.Name}\" (the field should either be added to this subgraph or, if it should not be resolved by this subgraph, you need to add it to this subgraph with @external).", subgraph.Name, location));
                    continue;
                }

                if (selection.HasArguments || field.Arguments.Count > 0)
                {
                    errors.Add(new CompositionError(ErrorCodes.KeyFieldsHasArgs, $"[{subgraph.Name}] {prefix}field {parent.Name}.{field.Name} cannot be included because it has arguments (fields with argument are not allowed in @key)", subgraph.Name, location));
                    continue;
                }

                subgraph.Types.TryGetValue(field.Type.NamedType, out var fieldType);
                if (fieldType is { Kind: TypeKind.Interface or TypeKind.Union })
                {
                    var kind = fieldType.Kind == TypeKind.Interface ? "Interface" : "Union";
                    errors.Add(new CompositionError(ErrorCodes.KeyFieldsSelectInvalidType, $"[{subgraph.Name}] {prefix}field \"{parent.Name}.{field.Name}\" is a {kind} type which is not allowed in @key", subgraph.Name, location));
                    continue;
                }

                if (fieldType is { Kind: TypeKind.Object } && selection.Selections.Count == 0)
                {
                    errors.Add(new CompositionError(ErrorCodes.KeyInvalidFields, $"[{subgraph.Name}] {prefix}Field \"{field.Name}\" of type \"{field.Type}\" must have a selection of subfields.", subgraph.Name, location));
                    continue;
                }

                if (fieldType is { Kind: TypeKind.Object })
                {
                    Walk(fieldType, selection.Selections);
                }
                else if (selection.Selections.Count > 0)
                {
                    errors.Add(new CompositionError(ErrorCodes.KeyInvalidFields, $"[{subgraph.Name}] {prefix}Field \"{field.Name}\" must not have a selection since type \"{field.Type}\" has no subfields.", subgraph.Name, location));
                }
            }
        }
    }

    private static void ValidateRequires(SubgraphSchema subgraph, SubgraphType type, SubgraphField field, List<CompositionError> errors)
    {
        if (field.Requires is null)
        {
            return;
        }

        var prefix = $"On field \"{type.Name}.{field.Name}\", for @requires(fields: \"{field.Requires}\"): ";
        var selections = FieldSet.TryParse(field.Requires);
        if (selections is null)
        {
            errors.Add(Error(subgraph, field, ErrorCodes.RequiresInvalidFields, prefix + "invalid selection set"));
            return;
        }

        var rules = new FieldSetRules("requires", ErrorCodes.RequiresInvalidFields, ErrorCodes.RequiresFieldsMissingExternal, HasArgumentsCode: null);
        ValidateSelections(subgraph, field, type, selections, hasExternalInParents: false, rules, prefix, errors);
    }

    private static void ValidateProvides(SubgraphSchema subgraph, SubgraphType type, SubgraphField field, List<CompositionError> errors)
    {
        if (field.Provides is null)
        {
            return;
        }

        if (!subgraph.Types.TryGetValue(field.Type.NamedType, out var target) || target.Kind is not (TypeKind.Object or TypeKind.Interface or TypeKind.Union))
        {
            errors.Add(Error(subgraph, field, ErrorCodes.ProvidesOnNonObjectField, $"Invalid @provides directive on field \"{type.Name}.{field.Name}\": field has type \"{field.Type}\" which is not a Composite Type"));
            return;
        }

        var prefix = $"On field \"{type.Name}.{field.Name}\", for @provides(fields: \"{field.Provides}\"): ";
        var selections = FieldSet.TryParse(field.Provides);
        if (selections is null)
        {
            errors.Add(Error(subgraph, field, ErrorCodes.ProvidesInvalidFields, prefix + "invalid selection set"));
            return;
        }

        var rules = new FieldSetRules("provides", ErrorCodes.ProvidesInvalidFields, ErrorCodes.ProvidesFieldsMissingExternal, ErrorCodes.ProvidesFieldsHasArgs);
        ValidateSelections(subgraph, field, target, selections, hasExternalInParents: false, rules, prefix, errors);
    }

    private sealed record FieldSetRules(string Directive, string InvalidFieldsCode, string MissingExternalCode, string? HasArgumentsCode);

    /// <summary>
    /// Apollo's rule for @requires and @provides selections: they may pass through fields the subgraph
    /// resolves itself (with arguments, for @requires), through interfaces and unions with inline
    /// fragments, but every leaf must be @external unless a field above it is.
    /// </summary>
    private static void ValidateSelections(SubgraphSchema subgraph, SubgraphField owner, SubgraphType parent, IReadOnlyList<FieldSelection> selections, bool hasExternalInParents, FieldSetRules rules, string prefix, List<CompositionError> errors)
    {
        foreach (var selection in selections)
        {
            if (selection.IsFragment)
            {
                var condition = FragmentType(subgraph, parent, selection);
                if (condition is null)
                {
                    errors.Add(Error(subgraph, owner, rules.InvalidFieldsCode, $"{prefix}Fragment cannot be spread here as objects of type \"{parent.Name}\" can never be of type \"{selection.TypeCondition}\"."));
                    continue;
                }

                ValidateSelections(subgraph, owner, condition, selection.Selections, hasExternalInParents, rules, prefix, errors);
                continue;
            }

            var field = parent.Kind == TypeKind.Union ? null : parent.Field(selection.Name);
            if (field is null)
            {
                errors.Add(Error(subgraph, owner, rules.InvalidFieldsCode, $"{prefix}Cannot query field \"{selection.Name}\" on type \"{parent.Name}\" (if the field is defined in another subgraph, you need to add it to this subgraph with @external)."));
                continue;
            }

            if (rules.HasArgumentsCode is not null && field.Arguments.Count > 0)
            {
                errors.Add(Error(subgraph, owner, rules.HasArgumentsCode, $"{prefix}field {parent.Name}.{field.Name} cannot be included because it has arguments (fields with argument are not allowed in @{rules.Directive})"));
            }

            if (selection.Selections.Count == 0)
            {
                if (!field.External && !hasExternalInParents && subgraph.IsFederation2)
                {
                    errors.Add(Error(subgraph, owner, rules.MissingExternalCode, $"{prefix}field \"{parent.Name}.{field.Name}\" should not be part of a @{rules.Directive} since it is already provided by this subgraph (it is not marked @external)"));
                }

                continue;
            }

            if (!subgraph.Types.TryGetValue(field.Type.NamedType, out var fieldType) || fieldType.Kind is not (TypeKind.Object or TypeKind.Interface or TypeKind.Union))
            {
                errors.Add(Error(subgraph, owner, rules.InvalidFieldsCode, $"{prefix}Field \"{field.Name}\" must not have a selection since type \"{field.Type}\" has no subfields."));
                continue;
            }

            // An interface field external on some implementation counts as external for what it selects.
            var external = hasExternalInParents || field.External || (parent.Kind == TypeKind.Interface
                && subgraph.Types.Values.Any(t => t.Interfaces.Contains(parent.Name) && t.Field(field.Name) is { External: true }));
            ValidateSelections(subgraph, owner, fieldType, selection.Selections, external, rules, prefix, errors);
        }
    }

    /// <summary>The type an inline fragment selects on, when it can apply to <paramref name="parent"/>.</summary>
    public static SubgraphType? FragmentType(SubgraphSchema subgraph, SubgraphType parent, FieldSelection fragment)
    {
        if (fragment.TypeCondition is "" || fragment.TypeCondition == parent.Name)
        {
            return parent;
        }

        if (!subgraph.Types.TryGetValue(fragment.TypeCondition!, out var condition))
        {
            return null;
        }

        var parentRuntime = RuntimeTypes(subgraph, parent);
        return RuntimeTypes(subgraph, condition).Overlaps(parentRuntime) ? condition : null;
    }

    private static HashSet<string> RuntimeTypes(SubgraphSchema subgraph, SubgraphType type) => type.Kind switch
    {
        TypeKind.Union => type.UnionMembers.ToHashSet(StringComparer.Ordinal),
        TypeKind.Interface => subgraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(type.Name)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal) { type.Name },
    };

    private static void ValidateExternalsAreUsed(SubgraphSchema subgraph, List<CompositionError> errors)
    {
        var used = ExternalUsage.UsedExternals(subgraph);
        foreach (var type in subgraph.Types.Values)
        {
            if (type.Kind != TypeKind.Object)
            {
                continue;
            }

            foreach (var field in type.Fields.Where(f => f.External && !used.Contains((type.Name, f.Name))))
            {
                var satisfiesInterface = type.Interfaces.Any(i => subgraph.Types.TryGetValue(i, out var itf) && itf.Field(field.Name) is not null);
                if (!satisfiesInterface)
                {
                    errors.Add(Error(subgraph, field, ErrorCodes.ExternalUnused, $"Field \"{type.Name}.{field.Name}\" is marked @external but is not used in any federation directive (@key, @provides, @requires) or to satisfy an interface; the field declaration has no use and should be removed (or the field should not be @external)."));
                }
            }
        }
    }

    /// <summary>
    /// @context names and the @fromContext arguments that read them (Federation 2.8), with Apollo's codes: a context
    /// name is alphanumeric without underscores; a contextual argument sits on a field of an object type that does not
    /// implement an interface field, has no default, names a context some type sets, and selects one field whose type
    /// fits the argument's.
    /// </summary>
    private static void ValidateContexts(SubgraphSchema subgraph, List<CompositionError> errors)
    {
        foreach (var type in subgraph.Types.Values)
        {
            foreach (var name in type.Contexts)
            {
                if (name.Contains('_', StringComparison.Ordinal))
                {
                    errors.Add(Error(subgraph, null, ErrorCodes.ContextNameInvalid, $"Context name \"{name}\" may not contain an underscore."));
                }
                else if (name.Length == 0 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
                {
                    errors.Add(Error(subgraph, null, ErrorCodes.ContextNameInvalid, $"Context name \"{name}\" is invalid. It should have only alphanumeric characters."));
                }
            }
        }

        foreach (var type in subgraph.Types.Values.Where(t => t.Kind is TypeKind.Object or TypeKind.Interface))
        {
            foreach (var field in type.Fields)
            {
                foreach (var argument in field.Arguments.Where(a => a.FromContext is not null))
                {
                    ValidateContextArgument(subgraph, type, field, argument, errors);
                }
            }
        }
    }

    private static void ValidateContextArgument(SubgraphSchema subgraph, SubgraphType type, SubgraphField field, SubgraphArgument argument, List<CompositionError> errors)
    {
        var coordinate = $"{type.Name}.{field.Name}({argument.Name}:)";
        CompositionError ContextError(string code, string message) =>
            new(code, $"[{subgraph.Name}] {message}", subgraph.Name, subgraph.LocationOf(argument.Node));

        if (type.Kind != TypeKind.Object || type.InterfaceObject)
        {
            errors.Add(ContextError(ErrorCodes.ContextNotSet, $"@fromContext argument cannot be used on a field that exists on an abstract type \"{coordinate}\"."));
            return;
        }

        foreach (var itf in type.Interfaces.Select(i => subgraph.Types.GetValueOrDefault(i)).Where(i => i?.Field(field.Name) is not null))
        {
            errors.Add(ContextError(ErrorCodes.ContextNotSet, $"@fromContext argument cannot be used on a field implementing an interface field \"{itf!.Name}.{field.Name}\"."));
        }

        if (argument.DefaultValue is not null)
        {
            errors.Add(ContextError(ErrorCodes.ContextNotSet, $"@fromContext arguments may not have a default value: \"{coordinate}\"."));
        }

        if (ContextReference.Parse(argument.FromContext!) is not { } reference)
        {
            errors.Add(ContextError(ErrorCodes.NoContextInSelection, $"@fromContext argument does not reference a context \"{argument.FromContext}\"."));
            return;
        }

        var locations = subgraph.Types.Values.Where(t => t.Contexts.Contains(reference.Context)).ToList();
        if (locations.Count == 0)
        {
            errors.Add(ContextError(ErrorCodes.ContextNotSet, $"Context \"{reference.Context}\" is used at location \"{coordinate}\" but is never set."));
            return;
        }

        // A single field selected on each location must have the argument's type (a non-null value fits a nullable argument).
        if (FieldSet.TryParse(reference.Selection.Trim().TrimStart('{').TrimEnd('}')) is [{ IsFragment: false, Selections.Count: 0 } selected])
        {
            foreach (var location in locations)
            {
                if (location.Field(selected.Name) is { } source && source.Type.ToString() != argument.Type.ToString() && source.Type.Nullable.ToString() != argument.Type.ToString())
                {
                    errors.Add(ContextError(ErrorCodes.ContextInvalidSelection, $"Context \"{reference.Context}\" is used in \"{coordinate}\" but the selection is invalid: the type of the selection \"{source.Type}\" does not match the expected type \"{argument.Type}\""));
                }
            }
        }
    }

    /// <summary>
    /// Apollo composition (2.9.4+) refuses access rules on interfaces, interface fields and interface objects: an
    /// interface's rules are derived from its implementations instead. Fields of an interface object may carry them.
    /// </summary>
    private static void ValidateNoAccessRulesOnInterfaces(SubgraphSchema subgraph, List<CompositionError> errors)
    {
        foreach (var type in subgraph.Types.Values.Where(t => t.Kind == TypeKind.Interface || t.InterfaceObject))
        {
            if (type.Kind == TypeKind.Interface)
            {
                foreach (var field in type.Fields)
                {
                    foreach (var directive in field.OtherDirectives.Where(Merging.AccessRules.IsAccessDirective))
                    {
                        errors.Add(AccessRuleOnInterface(subgraph, directive, $"field \"{type.Name}.{field.Name}\"", field.Node));
                    }
                }
            }

            foreach (var directive in type.OtherDirectives.Where(Merging.AccessRules.IsAccessDirective))
            {
                errors.Add(AccessRuleOnInterface(subgraph, directive, $"{(type.InterfaceObject ? "interface object" : "interface")} \"{type.Name}\"", type.Node));
            }
        }
    }

    private static CompositionError AccessRuleOnInterface(SubgraphSchema subgraph, string directive, string where, GraphQLParser.AST.ASTNode? node)
    {
        var name = directive.Split('(')[0];
        return new CompositionError(
            ErrorCodes.AuthRequirementsAppliedOnInterface,
            $"[{subgraph.Name}] Invalid use of {name} on {where}: {name} cannot be applied on interfaces, interface fields and interface objects",
            subgraph.Name,
            subgraph.LocationOf(node));
    }
}
