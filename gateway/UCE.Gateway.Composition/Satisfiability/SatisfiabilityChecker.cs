using System.Text;
using UCE.Gateway.Composition.Merging;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Satisfiability;

/// <summary>
/// Checks that every field reachable from a root operation can be resolved through some chain of
/// subgraph fetches. The walk follows query paths; at each path it keeps every way the planner could
/// be there (a subgraph, plus the fields an enclosing <c>@provides</c> gave it). A field is
/// satisfiable when at least one of those ways resolves it: the subgraph resolves the field itself
/// (not <c>@external</c>, not overridden, or provided), or an entity jump reaches a subgraph that
/// does — a resolvable <c>@key</c> of the type (or of an <c>@interfaceObject</c> interface it
/// implements) whose key fields are resolvable where the walk stands, repeated transitively. A field
/// with <c>@requires</c> also needs its required fields resolvable from the reachable subgraphs.
/// Interfaces and unions are walked per implementation/member known to the subgraph that returned
/// them. Simpler than Apollo's query graph: nested key and required selections are checked by their
/// top-level fields only.
/// </summary>
internal sealed partial class SatisfiabilityChecker
{
    private static readonly IReadOnlyList<FieldSelection> NothingProvided = [];

    private readonly Supergraph supergraph;
    private readonly List<CompositionError> errors;
    private readonly HashSet<string> visited = new(StringComparer.Ordinal);
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private readonly Queue<Position> queue = new();

    private SatisfiabilityChecker(Supergraph supergraph, List<CompositionError> errors)
    {
        this.supergraph = supergraph;
        this.errors = errors;
    }

    /// <summary>One way of standing at a path: the subgraph and what an enclosing @provides lets it resolve.</summary>
    private sealed record Option(string Graph, IReadOnlyList<FieldSelection> Provided);

    /// <summary>A query path with the ways of standing there and the @context names (subgraph-prefixed) its types set.</summary>
    private sealed record Position(string Type, List<Option> Options, IReadOnlyList<string> Path, string Operation, IReadOnlyList<string> Contexts);

    public static void Check(Supergraph supergraph, List<CompositionError> errors) => new SatisfiabilityChecker(supergraph, errors).Run();

    private void Run()
    {
        foreach (var operation in supergraph.RootOperations)
        {
            var rootName = char.ToUpperInvariant(operation[0]) + operation[1..];
            if (!supergraph.Types.TryGetValue(rootName, out var root))
            {
                continue;
            }

            foreach (var field in root.Fields.Where(f => !f.Inaccessible))
            {
                var options = root.Graphs.Where(g => Resolves(root, field, g, NothingProvided))
                    .Select(g => new Option(g, ChildProvided(field, g, NothingProvided)))
                    .ToList();
                Enqueue(new Position(field.Type.NamedType, options, [FieldPathEntry(field)], operation, ContextsSetBy(root, [])));
            }
        }

        while (queue.Count > 0)
        {
            Visit(queue.Dequeue());
        }
    }

    private static string FieldPathEntry(SupergraphField field)
    {
        var required = field.Arguments.Where(a => a.Type.IsNonNull && a.DefaultValue is null).ToList();
        return required.Count == 0 ? field.Name : field.Name + "(" + string.Join(", ", required.Select(a => $"{a.Name}: {Placeholder(a.Type)}")) + ")";
    }

    private static string Placeholder(TypeReference type) => type.Nullable.Kind == TypeReferenceKind.List ? "[]" : type.NamedType switch
    {
        "Int" => "0",
        "Float" => "0.0",
        "Boolean" => "true",
        "ID" => "\"<any id>\"",
        _ => "\"<any " + type.NamedType + ">\"",
    };

    private void Enqueue(Position position)
    {
        if (position.Options.Count == 0 || !supergraph.Types.TryGetValue(position.Type, out var type) || type.Kind is TypeKind.Scalar or TypeKind.Enum || type.Inaccessible)
        {
            return;
        }

        var key = position.Type + "|" + string.Join(";", position.Options.Select(o => o.Graph + ":" + Signature(o.Provided)).Order(StringComparer.Ordinal)) + "|" + string.Join(",", position.Contexts);
        if (visited.Add(key))
        {
            queue.Enqueue(position);
        }
    }

    private static string Signature(IReadOnlyList<FieldSelection> selections) =>
        string.Join(",", selections.Select(s => (s.IsFragment ? "...on " + s.TypeCondition : s.Name) + (s.Selections.Count == 0 ? "" : "{" + Signature(s.Selections) + "}")).Order(StringComparer.Ordinal));

    /// <summary>What a provided selection gives at an object (or interface) type: its fields, and those of the fragments that apply to the type.</summary>
    private IReadOnlyList<FieldSelection> Narrow(IReadOnlyList<FieldSelection> provided, string typeName)
    {
        if (!provided.Any(p => p.IsFragment))
        {
            return provided;
        }

        var result = new List<FieldSelection>();
        foreach (var selection in provided)
        {
            if (!selection.IsFragment)
            {
                result.Add(selection);
            }
            else if (selection.TypeCondition is "" || selection.TypeCondition == typeName || IsPossibleType(selection.TypeCondition!, typeName))
            {
                result.AddRange(Narrow(selection.Selections, typeName));
            }
        }

        return result;
    }

    private bool IsPossibleType(string abstractName, string typeName) =>
        supergraph.Types.TryGetValue(abstractName, out var abstractType)
        && (abstractType.UnionMembers.Contains(typeName) || (supergraph.Types.TryGetValue(typeName, out var type) && type.Interfaces.Contains(abstractName)));

    private void Visit(Position position)
    {
        var type = supergraph.Types[position.Type];
        if (type.Kind == TypeKind.Union)
        {
            foreach (var member in type.UnionMembers)
            {
                var options = position.Options.Where(o => type.JoinUnionMembers.Contains((o.Graph, member))).Select(o => o with { Provided = Narrow(o.Provided, member) }).ToList();
                Enqueue(position with { Type = member, Options = options, Path = [.. position.Path, "... on " + member], Contexts = ContextsSetBy(type, position.Contexts) });
            }

            return;
        }

        if (type.Kind == TypeKind.Interface)
        {
            var asInterfaceObject = position.Options.Where(o => type.JoinTypes.Exists(j => j.Graph == o.Graph && j.IsInterfaceObject)).ToList();
            if (asInterfaceObject.Count > 0)
            {
                VisitFields(type, position with { Options = asInterfaceObject });
            }

            foreach (var implementation in supergraph.Types.Values.Where(t => t.Kind == TypeKind.Object && t.Interfaces.Contains(type.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                var options = position.Options.Where(o => implementation.JoinImplements.Contains((o.Graph, type.Name))).Select(o => o with { Provided = Narrow(o.Provided, implementation.Name) }).ToList();
                Enqueue(position with { Type = implementation.Name, Options = options, Path = [.. position.Path, "... on " + implementation.Name], Contexts = ContextsSetBy(type, position.Contexts) });
            }

            return;
        }

        VisitFields(type, position);
    }

    private void VisitFields(SupergraphType type, Position position)
    {
        var reachable = position.Options.Select(o => o with { Provided = Narrow(o.Provided, type.Name) }).Select(o => (Option: o, Graphs: ReachableGraphs(type, o))).ToList();
        foreach (var field in type.Fields.Where(f => !f.Inaccessible))
        {
            var next = new List<Option>();
            foreach (var (option, graphs) in reachable)
            {
                foreach (var (graph, via) in graphs)
                {
                    var provided = graph == option.Graph ? option.Provided : NothingProvided;
                    if (Resolves(type, field, graph, provided, via) && RequirementsMet(type, field, graph, graphs, option) && ContextsMet(field, graph, position.Contexts))
                    {
                        var child = new Option(graph, ChildProvided(field, graph, provided));
                        if (!next.Exists(n => n.Graph == child.Graph && Signature(n.Provided) == Signature(child.Provided)))
                        {
                            next.Add(child);
                        }
                    }
                }
            }

            if (next.Count == 0)
            {
                Report(type, field, position, reachable[0].Graphs);
                continue;
            }

            // The contexts a type sets are for the fields below it, not its own.
            Enqueue(new Position(field.Type.NamedType, next, [.. position.Path, FieldPathEntry(field)], position.Operation, ContextsSetBy(type, position.Contexts)));
        }
    }

    /// <summary>The subgraphs entity jumps reach from an option, with the interface used when a jump goes to an @interfaceObject.</summary>
    private List<(string Graph, string? ViaInterface)> ReachableGraphs(SupergraphType type, Option option)
    {
        var result = new List<(string Graph, string? ViaInterface)> { (option.Graph, null) };
        for (var i = 0; i < result.Count; i++)
        {
            var from = result[i].Graph;
            var provided = from == option.Graph ? option.Provided : NothingProvided;
            var candidates = type.JoinTypes.Where(j => j.Key is not null && j.Resolvable).Select(j => (Join: j, Via: (string?)null))
                .Concat(type.Interfaces.SelectMany(itf => supergraph.Types.TryGetValue(itf, out var t)
                    ? t.JoinTypes.Where(j => j.IsInterfaceObject && j.Key is not null && j.Resolvable).Select(j => (Join: j, Via: (string?)itf))
                    : []));
            foreach (var (join, via) in candidates)
            {
                if (result.Exists(r => r.Graph == join.Graph && r.ViaInterface == via))
                {
                    continue;
                }

                var keyFields = FieldSet.TryParse(join.Key!) ?? [];
                if (keyFields.All(k => type.Field(k.Name) is { } keyField && Resolves(type, keyField, from, provided)))
                {
                    result.Add((join.Graph, via));
                }
            }
        }

        return result;
    }

    private bool Resolves(SupergraphType type, SupergraphField field, string graph, IReadOnlyList<FieldSelection> provided, string? viaInterface = null)
    {
        if (viaInterface is not null)
        {
            return supergraph.Types.TryGetValue(viaInterface, out var itf) && itf.Field(field.Name) is { } itfField && Resolves(itf, itfField, graph, provided);
        }

        if (!type.JoinTypes.Exists(j => j.Graph == graph) || field.FromInterfaceObject)
        {
            return false;
        }

        // No @join__field: every subgraph that has the type resolves the field.
        if (field.Sources.Count == 0 || (field.Sources.Count == type.Graphs.Count() && field.Directives.TrueForAll(d => !d.StartsWith("@join__field", StringComparison.Ordinal))))
        {
            return true;
        }

        var source = field.Sources.Find(s => s.Graph == graph);
        return source is not null && (source.Resolves || (source.External && provided.Any(p => p.Name == field.Name)));
    }

    private static IReadOnlyList<string> ContextsSetBy(SupergraphType type, IReadOnlyList<string> inherited)
    {
        var set = type.Directives.Where(d => d.StartsWith("@context(name: ", StringComparison.Ordinal)).Select(d => d["@context(name: \"".Length..^2]).ToList();
        return set.Count == 0 ? inherited : inherited.Union(set, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A field with @fromContext arguments resolves only below a type that sets each context it reads.</summary>
    private static bool ContextsMet(SupergraphField field, string graph, IReadOnlyList<string> contexts) =>
        field.Sources.Find(s => s.Graph == graph)?.ContextArguments is not { } arguments
        || ContextName().Matches(arguments).All(m => contexts.Contains(m.Groups[1].Value, StringComparer.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex("context: \"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex ContextName();

    private bool RequirementsMet(SupergraphType type, SupergraphField field, string graph, List<(string Graph, string? ViaInterface)> reachable, Option option)
    {
        var requires = field.Sources.Find(s => s.Graph == graph)?.Requires;
        if (requires is null)
        {
            return true;
        }

        return (FieldSet.TryParse(requires) ?? []).Where(r => !r.IsFragment).All(required => type.Field(required.Name) is { } requiredField
            && reachable.Exists(r => Resolves(type, requiredField, r.Graph, r.Graph == option.Graph ? option.Provided : NothingProvided, r.ViaInterface)));
    }

    /// <summary>What the field's value may resolve in <paramref name="graph"/> beyond its own fields: its @provides, and nested provided selections.</summary>
    private static IReadOnlyList<FieldSelection> ChildProvided(SupergraphField field, string graph, IReadOnlyList<FieldSelection> provided)
    {
        var own = field.Sources.Find(s => s.Graph == graph)?.Provides is { } provides ? FieldSet.TryParse(provides) ?? [] : [];
        var inherited = provided.Where(p => p.Name == field.Name).SelectMany(p => p.Selections).ToList();
        return inherited.Count == 0 ? own : [.. own, .. inherited];
    }

    private void Report(SupergraphType type, SupergraphField field, Position position, List<(string Graph, string? ViaInterface)> reachable)
    {
        // One error per field, for the first path that reaches it unsatisfiably (as Apollo does).
        if (!reported.Add($"{type.Name}.{field.Name}"))
        {
            return;
        }

        var query = new StringBuilder(position.Operation == "query" ? "{\n" : position.Operation + " {\n");
        var path = position.Path.Append(field.Name).ToList();
        for (var i = 0; i < path.Count; i++)
        {
            query.Append(new string(' ', 2 * (i + 1))).Append(path[i]).Append(i < path.Count - 1 ? " {\n" : "\n");
        }

        for (var i = path.Count - 2; i >= 0; i--)
        {
            query.Append(new string(' ', 2 * (i + 1))).Append("}\n");
        }

        query.Append('}');
        var reasons = new StringBuilder();
        foreach (var option in position.Options)
        {
            reasons.Append($"- from subgraph \"{option.Graph}\":\n");
            reasons.Append($"  - cannot find field \"{type.Name}.{field.Name}\".");
            foreach (var join in type.JoinTypes.Where(j => j.Key is not null && j.Resolvable && reachable.TrueForAll(r => r.Graph != j.Graph)))
            {
                reasons.Append($"\n  - cannot move to subgraph \"{join.Graph}\" using @key(fields: \"{join.Key}\") of \"{type.Name}\", the key field(s) cannot be resolved from subgraph \"{option.Graph}\".");
            }

            if (field.Sources.Exists(s => s.Requires is not null))
            {
                reasons.Append($"\n  - cannot satisfy @requires conditions on field \"{type.Name}.{field.Name}\".");
            }

            reasons.Append('\n');
        }

        errors.Add(new CompositionError(
            ErrorCodes.SatisfiabilityError,
            $"The following supergraph API query:\n{query}\ncannot be satisfied by the subgraphs because:\n{reasons.ToString().TrimEnd('\n')}",
            position.Options[0].Graph));
    }
}
