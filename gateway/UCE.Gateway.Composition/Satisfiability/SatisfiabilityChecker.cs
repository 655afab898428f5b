using System.Text;
using UCE.Gateway.Composition.Merging;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition.Satisfiability;

/// <summary>
/// Checks that every field reachable from a root operation can be resolved through some chain of
/// subgraph fetches. The walk visits (type, subgraph) positions: from a position, the fields the
/// subgraph resolves itself (or that an enclosing <c>@provides</c> gave it) are reachable; any other
/// field needs an entity jump, i.e. a resolvable <c>@key</c> of the type (or of an
/// <c>@interfaceObject</c> interface it implements) in another subgraph whose key fields are
/// resolvable where the walk stands, possibly through several jumps; a field with <c>@requires</c>
/// also needs its required fields resolvable from those subgraphs. Abstract types are walked per
/// possible runtime type in the subgraph that returned them. This is a simpler model than Apollo's
/// query graph: nested key selections are checked by their top-level fields only.
/// </summary>
internal sealed class SatisfiabilityChecker
{
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

    private sealed record Position(string Type, string Graph, IReadOnlySet<string> Provided, IReadOnlyList<string> Path, string Operation);

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
                foreach (var graph in root.Graphs.Where(g => Resolves(root, field, g, EmptySet)))
                {
                    Enqueue(new Position(field.Type.NamedType, graph, ProvidedBy(field, graph), [FieldPathEntry(field)], operation));
                }
            }
        }

        while (queue.Count > 0)
        {
            Visit(queue.Dequeue());
        }
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>(StringComparer.Ordinal);

    private static string FieldPathEntry(SupergraphField field) =>
        field.Name + (field.Arguments.Exists(a => a.Type.IsNonNull && a.DefaultValue is null)
            ? "(" + string.Join(", ", field.Arguments.Where(a => a.Type.IsNonNull && a.DefaultValue is null).Select(a => $"{a.Name}: {Placeholder(a.Type)}")) + ")"
            : "");

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
        if (!supergraph.Types.TryGetValue(position.Type, out var type) || type.Kind is TypeKind.Scalar or TypeKind.Enum || type.Inaccessible)
        {
            return;
        }

        var key = $"{position.Type}|{position.Graph}|{string.Join(",", position.Provided.Order(StringComparer.Ordinal))}";
        if (visited.Add(key))
        {
            queue.Enqueue(position);
        }
    }

    private void Visit(Position position)
    {
        var type = supergraph.Types[position.Type];
        var isInterfaceObjectHere = type.JoinTypes.Exists(j => j.Graph == position.Graph && j.IsInterfaceObject);
        if (type.Kind == TypeKind.Union)
        {
            foreach (var (graph, member) in type.JoinUnionMembers.Where(m => m.Graph == position.Graph))
            {
                Enqueue(position with { Type = member, Path = [.. position.Path, "... on " + member] });
            }

            return;
        }

        if (type.Kind == TypeKind.Interface && !isInterfaceObjectHere)
        {
            var implementations = supergraph.Types.Values
                .Where(t => t.Kind == TypeKind.Object && t.JoinImplements.Contains((position.Graph, type.Name)))
                .OrderBy(t => t.Name, StringComparer.Ordinal);
            foreach (var implementation in implementations)
            {
                Enqueue(position with { Type = implementation.Name, Path = [.. position.Path, "... on " + implementation.Name] });
            }

            return;
        }

        var reachable = ReachableGraphs(type, position);
        foreach (var field in type.Fields.Where(f => !f.Inaccessible))
        {
            var resolvedIn = reachable
                .Where(g => Resolves(type, field, g.Graph, g.Graph == position.Graph ? position.Provided : EmptySet, g.ViaInterface))
                .Where(g => RequirementsMet(type, field, g.Graph, reachable, position))
                .ToList();
            if (resolvedIn.Count == 0)
            {
                Report(type, field, position, reachable);
                continue;
            }

            foreach (var (graph, _) in resolvedIn)
            {
                Enqueue(new Position(field.Type.NamedType, graph, ProvidedBy(field, graph), [.. position.Path, FieldPathEntry(field)], position.Operation));
            }
        }
    }

    /// <summary>The subgraphs an entity jump can reach from the position, with the interface used when the jump goes to an @interfaceObject.</summary>
    private List<(string Graph, string? ViaInterface)> ReachableGraphs(SupergraphType type, Position position)
    {
        var result = new List<(string Graph, string? ViaInterface)> { (position.Graph, null) };
        for (var i = 0; i < result.Count; i++)
        {
            var from = result[i].Graph;
            var provided = from == position.Graph ? position.Provided : EmptySet;
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

    private bool Resolves(SupergraphType type, SupergraphField field, string graph, IReadOnlySet<string> provided, string? viaInterface = null)
    {
        if (viaInterface is not null)
        {
            return supergraph.Types.TryGetValue(viaInterface, out var itf) && itf.Field(field.Name) is { } itfField && Resolves(itf, itfField, graph, provided);
        }

        if (!type.JoinTypes.Exists(j => j.Graph == graph))
        {
            return false;
        }

        if (field.FromInterfaceObject)
        {
            return false;
        }

        // No @join__field: every subgraph that has the type resolves the field.
        if (field.Sources.Count == 0 || (field.Sources.Count == type.Graphs.Count() && field.Directives.TrueForAll(d => !d.StartsWith("@join__field", StringComparison.Ordinal))))
        {
            return true;
        }

        var source = field.Sources.Find(s => s.Graph == graph);
        return source is not null && (source.Resolves || (source.External && provided.Contains(field.Name)));
    }

    private bool RequirementsMet(SupergraphType type, SupergraphField field, string graph, List<(string Graph, string? ViaInterface)> reachable, Position position)
    {
        var requires = field.Sources.Find(s => s.Graph == graph)?.Requires;
        if (requires is null)
        {
            return true;
        }

        return (FieldSet.TryParse(requires) ?? []).All(required => type.Field(required.Name) is { } requiredField
            && reachable.Exists(r => Resolves(type, requiredField, r.Graph, r.Graph == position.Graph ? position.Provided : EmptySet, r.ViaInterface)));
    }

    private static IReadOnlySet<string> ProvidedBy(SupergraphField field, string graph)
    {
        var provides = field.Sources.Find(s => s.Graph == graph)?.Provides;
        return provides is null ? EmptySet : (FieldSet.TryParse(provides) ?? []).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
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
        reasons.Append($"- from subgraph \"{position.Graph}\":\n");
        reasons.Append($"  - cannot find field \"{type.Name}.{field.Name}\".");
        foreach (var join in type.JoinTypes.Where(j => j.Key is not null && j.Resolvable && reachable.TrueForAll(r => r.Graph != j.Graph)))
        {
            reasons.Append($"\n  - cannot move to subgraph \"{join.Graph}\" using @key(fields: \"{join.Key}\") of \"{type.Name}\", the key field(s) cannot be resolved from subgraph \"{position.Graph}\".");
        }

        if (field.Sources.Exists(s => s.Requires is not null && reachable.Exists(r => r.Graph == s.Graph)))
        {
            reasons.Append($"\n  - cannot satisfy @requires conditions on field \"{type.Name}.{field.Name}\".");
        }

        errors.Add(new CompositionError(
            ErrorCodes.SatisfiabilityError,
            $"The following supergraph API query:\n{query}\ncannot be satisfied by the subgraphs because:\n{reasons}",
            position.Graph));
    }
}
