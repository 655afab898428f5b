using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Checking;

/// <summary>
/// Lists the changes from one API schema to the next and classifies them: anything that can make a
/// valid client operation invalid or change the shape it relies on (removals, incompatible type
/// changes, looser output nullability, stricter input nullability, new required inputs) is breaking.
/// </summary>
public static class SchemaChangeDetector
{
    public static IReadOnlyList<SchemaChange> Compare(ApiSchema before, ApiSchema after)
    {
        var changes = new List<SchemaChange>();
        foreach (var (name, old) in before.Types)
        {
            if (!after.Types.TryGetValue(name, out var now))
            {
                changes.Add(new SchemaChange(true, "TYPE_REMOVED", name, $"type {name} was removed"));
                continue;
            }

            if (old.Kind != now.Kind)
            {
                changes.Add(new SchemaChange(true, "TYPE_KIND_CHANGED", name, $"{name} changed from {old.Kind} to {now.Kind}"));
                continue;
            }

            var isInput = old.Kind == "InputObject";
            CompareFields(old, now, isInput, changes);
            CompareList(old.Interfaces, now.Interfaces, name, "INTERFACE_REMOVED", "INTERFACE_ADDED", "implements", changes);
            CompareList(old.Members, now.Members, name, "UNION_MEMBER_REMOVED", "UNION_MEMBER_ADDED", "union member", changes);
            CompareList(old.EnumValues, now.EnumValues, name, "ENUM_VALUE_REMOVED", "ENUM_VALUE_ADDED", "enum value", changes);
        }

        foreach (var name in after.Types.Keys.Where(n => !before.Types.ContainsKey(n)))
        {
            changes.Add(new SchemaChange(false, "TYPE_ADDED", name, $"type {name} was added"));
        }

        return [.. changes.OrderByDescending(c => c.IsBreaking).ThenBy(c => c.Coordinate, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)];
    }

    private static void CompareFields(ApiType old, ApiType now, bool isInput, List<SchemaChange> changes)
    {
        foreach (var (fieldName, oldField) in old.Fields)
        {
            var coordinate = $"{old.Name}.{fieldName}";
            if (!now.Fields.TryGetValue(fieldName, out var newField))
            {
                changes.Add(new SchemaChange(true, "FIELD_REMOVED", coordinate, $"field {coordinate} was removed"));
                continue;
            }

            if (isInput)
            {
                CompareInput(oldField, newField, coordinate, "INPUT_FIELD", changes);
                continue;
            }

            if (oldField.Type.ToString() != newField.Type.ToString())
            {
                var safe = IsOutputSubtype(newField.Type, oldField.Type);
                var looser = oldField.Type.IsNonNull && !newField.Type.IsNonNull && oldField.Type.Inner!.ToString() == newField.Type.ToString();
                changes.Add(new SchemaChange(
                    !safe,
                    looser ? "FIELD_NULLABILITY_LOOSENED" : "FIELD_TYPE_CHANGED",
                    coordinate,
                    $"{coordinate} changed type from {oldField.Type} to {newField.Type}"));
            }

            foreach (var (argumentName, oldArgument) in oldField.Arguments)
            {
                var argumentCoordinate = $"{coordinate}({argumentName}:)";
                if (!newField.Arguments.TryGetValue(argumentName, out var newArgument))
                {
                    changes.Add(new SchemaChange(true, "ARGUMENT_REMOVED", argumentCoordinate, $"argument {argumentCoordinate} was removed"));
                    continue;
                }

                CompareInput(oldArgument, newArgument, argumentCoordinate, "ARGUMENT", changes);
            }

            foreach (var (argumentName, newArgument) in newField.Arguments.Where(a => !oldField.Arguments.ContainsKey(a.Key)))
            {
                var argumentCoordinate = $"{coordinate}({argumentName}:)";
                changes.Add(newArgument.IsRequired
                    ? new SchemaChange(true, "REQUIRED_ARGUMENT_ADDED", argumentCoordinate, $"required argument {argumentCoordinate} was added")
                    : new SchemaChange(false, "OPTIONAL_ARGUMENT_ADDED", argumentCoordinate, $"optional argument {argumentCoordinate} was added"));
            }
        }

        foreach (var (fieldName, newField) in now.Fields.Where(f => !old.Fields.ContainsKey(f.Key)))
        {
            var coordinate = $"{old.Name}.{fieldName}";
            changes.Add(isInput && newField.IsRequired
                ? new SchemaChange(true, "REQUIRED_INPUT_FIELD_ADDED", coordinate, $"required input field {coordinate} was added")
                : new SchemaChange(false, "FIELD_ADDED", coordinate, $"field {coordinate} was added"));
        }
    }

    private static void CompareInput(ApiField old, ApiField now, string coordinate, string prefix, List<SchemaChange> changes)
    {
        if (old.Type.ToString() != now.Type.ToString())
        {
            // An input accepts every old value when the old type is a subtype of the new one (e.g. Int! -> Int).
            var safe = IsOutputSubtype(old.Type, now.Type);
            var tightened = !old.Type.IsNonNull && now.Type.IsNonNull && now.Type.Inner!.ToString() == old.Type.ToString();
            changes.Add(new SchemaChange(
                !safe,
                tightened ? prefix + "_NULLABILITY_TIGHTENED" : prefix + "_TYPE_CHANGED",
                coordinate,
                $"{coordinate} changed type from {old.Type} to {now.Type}"));
        }

        if (old.DefaultValue != now.DefaultValue)
        {
            changes.Add(new SchemaChange(false, prefix + "_DEFAULT_CHANGED", coordinate, $"{coordinate} default changed from {old.DefaultValue ?? "none"} to {now.DefaultValue ?? "none"}"));
        }
    }

    private static void CompareList(List<string> old, List<string> now, string typeName, string removedCode, string addedCode, string what, List<SchemaChange> changes)
    {
        foreach (var item in old.Where(i => !now.Contains(i)))
        {
            changes.Add(new SchemaChange(true, removedCode, $"{typeName}.{item}", $"{what} {item} was removed from {typeName}"));
        }

        foreach (var item in now.Where(i => !old.Contains(i)))
        {
            changes.Add(new SchemaChange(false, addedCode, $"{typeName}.{item}", $"{what} {item} was added to {typeName}"));
        }
    }

    /// <summary>True when every value of <paramref name="sub"/> is also a value of <paramref name="super"/>.</summary>
    private static bool IsOutputSubtype(TypeReference sub, TypeReference super)
    {
        if (super.IsNonNull)
        {
            return sub.IsNonNull && IsOutputSubtype(sub.Inner!, super.Inner!);
        }

        if (sub.IsNonNull)
        {
            return IsOutputSubtype(sub.Inner!, super);
        }

        if (super.Kind == TypeReferenceKind.List || sub.Kind == TypeReferenceKind.List)
        {
            return super.Kind == sub.Kind && IsOutputSubtype(sub.Inner!, super.Inner!);
        }

        return sub.Name == super.Name;
    }
}
