using GraphQLParser.AST;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Planning;

/// <summary>Turns a validated client operation into a <see cref="QueryPlan"/> over the subgraphs of one supergraph.</summary>
public sealed class QueryPlanner
{
    private readonly SupergraphSchema _supergraph;

    public QueryPlanner(SupergraphSchema supergraph)
    {
        ArgumentNullException.ThrowIfNull(supergraph);
        _supergraph = supergraph;
    }

    /// <summary>
    /// Plans the operation named <paramref name="operationName"/> (or the only one) of an already validated document.
    /// Throws <see cref="QueryPlanningException"/> when no combination of subgraphs can resolve it.
    /// </summary>
    public QueryPlan Plan(GraphQLDocument document, string? operationName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operation = SelectOperation(document, operationName);
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments[fragment.FragmentName.Name.StringValue] = fragment;
        }

        var selections = ClientSelections.FromOperation(operation.SelectionSet, fragments);
        var planning = new OperationPlanning(_supergraph, operation);
        planning.PlanRoot(selections);
        return new QueryPlan(operation.Operation, PlanAssembler.Assemble(planning.Groups, operation));
    }

    private static GraphQLOperationDefinition SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (string.IsNullOrEmpty(operationName))
        {
            return operations.Count == 1
                ? operations[0]
                : throw new QueryPlanningException(QueryPlanningException.UnknownOperation, operations.Count == 0
                    ? "The document contains no operation."
                    : "The document contains several operations; an operation name is required.");
        }

        return operations.FirstOrDefault(o => o.Name?.StringValue == operationName)
            ?? throw new QueryPlanningException(QueryPlanningException.UnknownOperation, $"The document contains no operation named '{operationName}'.");
    }
}
