using UCE.Gateway.Engine.Planning;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Which of the fetches that deferred fragments read (<see cref="FetchNode.Id"/>) have run, for one incremental response. A
/// fetch that is not sent (its condition is false, no object needs it) counts as run once the part holding it has run.
/// </summary>
internal sealed class FetchSignals
{
    private readonly TaskCompletionSource[] _run;

    public FetchSignals(int count)
    {
        _run = new TaskCompletionSource[count];
        for (var i = 0; i < count; i++)
        {
            _run[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Ran(int id) => _run[id].TrySetResult();

    /// <summary>Marks every fetch of <paramref name="node"/> (not of the deferred fragments inside it) as run.</summary>
    public void AllRan(PlanNode? node)
    {
        switch (node)
        {
            case FetchNode { Id: { } id }:
                Ran(id);
                break;
            case SequenceNode sequence:
                foreach (var child in sequence.Nodes)
                {
                    AllRan(child);
                }

                break;
            case ParallelNode parallel:
                foreach (var child in parallel.Nodes)
                {
                    AllRan(child);
                }

                break;
            case FlattenNode flatten:
                AllRan(flatten.Node);
                break;
            case ConditionNode condition:
                AllRan(condition.IfTrue);
                AllRan(condition.IfFalse);
                break;
            case DeferNode defer:
                AllRan(defer.Primary);
                break;
        }
    }

    public Task WhenRun(IReadOnlyList<int> ids) => ids.Count switch
    {
        0 => Task.CompletedTask,
        1 => _run[ids[0]].Task,
        _ => Task.WhenAll(ids.Select(id => _run[id].Task)),
    };
}
