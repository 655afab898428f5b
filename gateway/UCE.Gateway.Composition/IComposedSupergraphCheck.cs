namespace UCE.Gateway.Composition;

/// <summary>
/// A check the composed supergraph must pass besides composition itself, run by <see cref="ComposeCommand"/> (the gateway
/// adds one: every trusted document must stay valid against the new API schema).
/// </summary>
public interface IComposedSupergraphCheck
{
    /// <summary>Checks <paramref name="supergraphSdl"/>, reporting on the writers; false when anything fails.</summary>
    Task<bool> CheckAsync(string supergraphSdl, TextWriter stdout, TextWriter stderr);
}
