using UCE.Gateway.Composition.Merging;
using UCE.Gateway.Composition.Printing;
using UCE.Gateway.Composition.Satisfiability;
using UCE.Gateway.Composition.Subgraphs;

namespace UCE.Gateway.Composition;

/// <summary>Composes Apollo Federation subgraph SDLs into a supergraph SDL in Apollo's format.</summary>
public static class SupergraphComposer
{
    /// <summary>
    /// Composes the subgraphs. The result does not depend on the order of <paramref name="subgraphs"/>;
    /// errors are returned, not thrown, each with an Apollo error code.
    /// </summary>
    public static CompositionResult Compose(IReadOnlyList<SubgraphDefinition> subgraphs)
    {
        ArgumentNullException.ThrowIfNull(subgraphs);
        var errors = new List<CompositionError>();
        var ordered = subgraphs.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        foreach (var duplicate in ordered.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new CompositionError(ErrorCodes.InvalidSubgraphName, $"A subgraph named \"{duplicate.Key}\" already exists", duplicate.Key));
        }

        foreach (var invalid in ordered.Where(s => string.IsNullOrWhiteSpace(s.Name) || s.Name == "_"))
        {
            errors.Add(new CompositionError(ErrorCodes.InvalidSubgraphName, $"Invalid subgraph name \"{invalid.Name}\"", invalid.Name));
        }

        if (ordered.Count == 0)
        {
            errors.Add(new CompositionError(ErrorCodes.NoQueries, "No subgraphs to compose"));
        }

        if (errors.Count > 0)
        {
            return CompositionResult.Failure(errors);
        }

        var schemas = new List<SubgraphSchema>();
        foreach (var definition in ordered)
        {
            var schema = SubgraphReader.Read(definition, errors);
            if (schema is not null)
            {
                SubgraphValidator.Validate(schema, errors);
                schemas.Add(schema);
            }
        }

        if (errors.Count > 0)
        {
            return CompositionResult.Failure(errors);
        }

        var hints = new List<CompositionHint>();
        var supergraph = SchemaMerger.Merge(schemas, errors, hints);
        if (errors.Count == 0)
        {
            InaccessibleValidator.Validate(supergraph, errors);
        }

        if (errors.Count > 0)
        {
            return CompositionResult.Failure(errors);
        }

        SatisfiabilityChecker.Check(supergraph, errors);
        return errors.Count > 0 ? CompositionResult.Failure(errors) : CompositionResult.Success(SupergraphPrinter.Print(supergraph), hints);
    }
}
