namespace UCE.Gateway.Engine.Planning;

/// <summary>An operation the planner cannot turn into subgraph fetches; <see cref="Code"/> is stable for clients.</summary>
public sealed class QueryPlanningException : Exception
{
    public QueryPlanningException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>One of the codes below (used as the GraphQL error's <c>extensions.code</c>).</summary>
    public string Code { get; }

    /// <summary>No subgraph (or chain of entity jumps) can resolve a selected field.</summary>
    public const string Unsatisfiable = "QUERY_PLANNING_UNSATISFIABLE";

    /// <summary>The document has no operation of the requested name, or several operations and no name.</summary>
    public const string UnknownOperation = "QUERY_PLANNING_UNKNOWN_OPERATION";

    /// <summary>The document refers to a type, field or fragment the API schema does not have.</summary>
    public const string InvalidOperation = "QUERY_PLANNING_INVALID_OPERATION";
}
