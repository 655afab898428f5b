using System.Text.RegularExpressions;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Merging;

/// <summary>
/// Checks that removing the <c>@inaccessible</c> elements leaves a valid API schema: nothing in the
/// API schema refers to a hidden type or enum value, no type is left empty, no required input is hidden.
/// </summary>
internal static partial class InaccessibleValidator
{
    public static void Validate(Supergraph supergraph, List<CompositionError> errors)
    {
        if (supergraph.Types.TryGetValue("Query", out var query) && query.Inaccessible)
        {
            errors.Add(new CompositionError(ErrorCodes.QueryRootTypeInaccessible, "Type \"Query\" is @inaccessible but is the root query type, which must be in the API schema."));
        }

        foreach (var type in supergraph.Types.Values.Where(t => !t.Inaccessible))
        {
            var isInput = type.Kind == TypeKind.InputObject;
            if (type.Fields.Count > 0 && type.Fields.TrueForAll(f => f.Inaccessible))
            {
                errors.Add(new CompositionError(ErrorCodes.OnlyInaccessibleChildren, $"Type \"{type.Name}\" is in the API schema but all of its {(isInput ? "input fields" : "fields")} are @inaccessible."));
            }

            if (type.EnumValues.Count > 0 && type.EnumValues.TrueForAll(v => v.Inaccessible))
            {
                errors.Add(new CompositionError(ErrorCodes.OnlyInaccessibleChildren, $"Type \"{type.Name}\" is in the API schema but all of its values are @inaccessible."));
            }

            foreach (var field in type.Fields)
            {
                var coordinate = $"{type.Name}.{field.Name}";
                if (field.Inaccessible)
                {
                    if (isInput && field.Type.IsNonNull && field.DefaultValue is null)
                    {
                        errors.Add(new CompositionError(ErrorCodes.RequiredInaccessible, $"Input field \"{coordinate}\" is @inaccessible but is a required input field of its type."));
                    }

                    continue;
                }

                CheckReference(supergraph, field.Type, coordinate, errors);
                CheckDefault(supergraph, field.Type, field.DefaultValue, coordinate, errors);
                foreach (var argument in field.Arguments)
                {
                    var argumentCoordinate = $"{coordinate}({argument.Name}:)";
                    if (argument.Inaccessible)
                    {
                        if (argument.Type.IsNonNull && argument.DefaultValue is null)
                        {
                            errors.Add(new CompositionError(ErrorCodes.RequiredInaccessible, $"Argument \"{argumentCoordinate}\" is @inaccessible but is a required argument of its field."));
                        }

                        continue;
                    }

                    CheckReference(supergraph, argument.Type, argumentCoordinate, errors);
                    CheckDefault(supergraph, argument.Type, argument.DefaultValue, argumentCoordinate, errors);
                }
            }
        }
    }

    private static void CheckReference(Supergraph supergraph, TypeReference type, string coordinate, List<CompositionError> errors)
    {
        if (supergraph.Types.TryGetValue(type.NamedType, out var target) && target.Inaccessible)
        {
            errors.Add(new CompositionError(ErrorCodes.ReferencedInaccessible, $"Type \"{target.Name}\" is @inaccessible but is referenced by \"{coordinate}\", which is in the API schema."));
        }
    }

    private static void CheckDefault(Supergraph supergraph, TypeReference type, string? defaultValue, string coordinate, List<CompositionError> errors)
    {
        if (defaultValue is null || !supergraph.Types.TryGetValue(type.NamedType, out var target) || target.Kind != TypeKind.Enum)
        {
            return;
        }

        var used = Names().Matches(defaultValue).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var value in target.EnumValues.Where(v => v.Inaccessible && used.Contains(v.Name)))
        {
            errors.Add(new CompositionError(ErrorCodes.DefaultValueUsesInaccessible, $"Enum value \"{target.Name}.{value.Name}\" is @inaccessible but is used in the default value of \"{coordinate}\", which is in the API schema."));
        }
    }

    [GeneratedRegex("[_A-Za-z][_0-9A-Za-z]*")]
    private static partial Regex Names();
}
