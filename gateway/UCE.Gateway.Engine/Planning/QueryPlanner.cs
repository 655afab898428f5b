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
        if (operation.Operation != OperationType.Query)
        {
            // @defer is a hint a server may ignore: mutations and subscriptions are answered whole.
            return new QueryPlan(operation.Operation, PlanOnce(operation, selections, null));
        }

        var ifVariables = new SortedSet<string>(StringComparer.Ordinal);
        DeferBlock.CollectIfVariables(selections, ifVariables);
        if (ifVariables.Count > MostDeferVariables)
        {
            // One plan per combination of values: the count is bounded so a document cannot ask for thousands.
            throw new QueryPlanningException(QueryPlanningException.InvalidOperation, $"The operation decides @defer with {ifVariables.Count} different variables; at most {MostDeferVariables} are supported.");
        }

        return new QueryPlan(operation.Operation, PlanForDeferVariables(operation, selections, [.. ifVariables], new Dictionary<string, bool>(StringComparer.Ordinal)));
    }

    /// <summary>
    /// <c>@defer(if: $v)</c>: one plan per value of each such variable, chosen at run time by a condition node (as
    /// Apollo's planner does).
    /// </summary>
    private PlanNode? PlanForDeferVariables(GraphQLOperationDefinition operation, IReadOnlyList<ClientSelection> selections, IReadOnlyList<string> variables, Dictionary<string, bool> assumed)
    {
        if (assumed.Count == variables.Count)
        {
            return PlanOnce(operation, selections, assumed);
        }

        var variable = variables[assumed.Count];
        var whenTrue = PlanForDeferVariables(operation, selections, variables, new Dictionary<string, bool>(assumed) { [variable] = true });
        var whenFalse = PlanForDeferVariables(operation, selections, variables, new Dictionary<string, bool>(assumed) { [variable] = false });
        return whenTrue is null && whenFalse is null ? null : new ConditionNode(variable, whenTrue, whenFalse);
    }

    private const int MostDeferVariables = 3;

    private PlanNode? PlanOnce(GraphQLOperationDefinition operation, IReadOnlyList<ClientSelection> selections, IReadOnlyDictionary<string, bool>? deferAssumed)
    {
        var planning = new OperationPlanning(_supergraph, operation, deferAssumed);
        planning.PlanRoot(selections);
        return PlanAssembler.Assemble(planning.Groups, planning.DeferBlocks, operation);
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
