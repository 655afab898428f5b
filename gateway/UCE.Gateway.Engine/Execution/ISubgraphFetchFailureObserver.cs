namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Told of every subgraph fetch that failed as a whole (unreachable, non-2xx status, past its timeout, not a GraphQL
/// response). The engine has no logging of its own; the host logs through this. Called concurrently, outside any lock.
/// </summary>
public interface ISubgraphFetchFailureObserver
{
    void OnFetchFailed(SubgraphFetchFailure failure);
}
