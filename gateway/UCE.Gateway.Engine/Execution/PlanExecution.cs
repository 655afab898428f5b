using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Execution;

/// <summary>The state of one running plan: the merged data, the errors, and what every fetch needs from the request.</summary>
internal sealed class PlanExecution
{
    public PlanExecution(string? operationName, JsonObject variables, IReadOnlyDictionary<string, string>? headers, bool isMutation, CancellationToken cancellationToken)
    {
        OperationName = operationName;
        Variables = variables;
        Headers = headers;
        IsMutation = isMutation;
        CancellationToken = cancellationToken;
    }

    /// <summary>The state of one deferred part: the same data (and lock), errors of its own.</summary>
    public PlanExecution ForDeferredPart() =>
        new(OperationName, Variables, Headers, IsMutation, CancellationToken) { Data = Data, Sync = Sync, FetchesRun = FetchesRun };

    /// <summary>
    /// Incremental delivery: one signal per fetch a deferred fragment waits for (<see cref="Planning.FetchNode.Id"/>), set
    /// once that fetch has run; shared by every part of the response. <c>null</c> when nothing waits.
    /// </summary>
    public FetchSignals? FetchesRun { get; init; }

    /// <summary>Everything the fetches returned, merged; keys are response names.</summary>
    public DataObject Data { get; private init; } = new(8);

    public List<JsonObject> Errors { get; } = [];

    /// <summary>True once a fetch failed as a whole: the fields it should have filled are missing for a known reason.</summary>
    public bool AnyFetchFailed { get; set; }

    /// <summary>Guards <see cref="Data"/> and <see cref="Errors"/>: concurrent fetches read and merge into one tree.</summary>
    public object Sync { get; private init; } = new();

    /// <summary>The client's operation name; <c>null</c> for an anonymous operation.</summary>
    public string? OperationName { get; }

    /// <summary>The client's variables with defaults applied, as JSON.</summary>
    public JsonObject Variables { get; }

    public IReadOnlyDictionary<string, string>? Headers { get; }

    public bool IsMutation { get; }

    public CancellationToken CancellationToken { get; }

    public void AddError(JsonObject error)
    {
        lock (Sync)
        {
            Errors.Add(error);
        }
    }
}
