namespace UCE.Gateway.Composition;

/// <summary>A position in a subgraph's SDL (1-based line and column).</summary>
public sealed record SourceLocation(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A composition error with an Apollo-compatible code, the subgraph it comes from and where.</summary>
public sealed record CompositionError(string Code, string Message, string? Subgraph = null, SourceLocation? Location = null)
{
    public override string ToString()
    {
        var where = Subgraph is null ? "" : Location is null ? $" [{Subgraph}]" : $" [{Subgraph} {Location}]";
        return $"{Code}{where}: {Message}";
    }
}

/// <summary>The outcome of a composition: the supergraph SDL, or the errors that prevented it.</summary>
public sealed class CompositionResult
{
    private CompositionResult(string? supergraphSdl, IReadOnlyList<CompositionError> errors, IReadOnlyList<CompositionHint> hints)
    {
        SupergraphSdl = supergraphSdl;
        Errors = errors;
        Hints = hints;
    }

    /// <summary>The composed supergraph, or null when composition failed.</summary>
    public string? SupergraphSdl { get; }

    public IReadOnlyList<CompositionError> Errors { get; }

    /// <summary>Apollo's composition hints (warnings) for a successful composition; empty when composition failed.</summary>
    public IReadOnlyList<CompositionHint> Hints { get; }

    public bool Succeeded => SupergraphSdl is not null;

    public static CompositionResult Success(string supergraphSdl, IReadOnlyList<CompositionHint>? hints = null) => new(supergraphSdl, [], hints ?? []);

    public static CompositionResult Failure(IReadOnlyList<CompositionError> errors) => new(null, errors, []);
}
