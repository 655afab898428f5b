namespace UCE.Gateway.Engine.Execution;

/// <summary>A subgraph fetch that failed as a whole: its fields became errors at the client's paths.</summary>
/// <param name="Subgraph">The subgraph's name.</param>
/// <param name="OperationName">The client's operation name; <c>null</c> for an anonymous operation.</param>
/// <param name="FetchOperationName">The name of the operation sent to the subgraph, if it has one.</param>
/// <param name="Code">The error code written to the response (<see cref="ErrorCodes.SubgraphRequestFailed"/>, <see cref="ErrorCodes.SubgraphTimeout"/>, <see cref="ErrorCodes.SubgraphInvalidResponse"/>).</param>
/// <param name="Reason">What went wrong, as written in the response's errors.</param>
public sealed record SubgraphFetchFailure(string Subgraph, string? OperationName, string? FetchOperationName, string Code, string Reason);
