namespace UCE.Gateway.Engine;

/// <summary>What <see cref="IGatewayEngine.PinDocumentsAsync"/> made of a set of documents.</summary>
/// <param name="Pinned">Documents now held by the engine, prepared.</param>
/// <param name="Prepared">Of those, the documents parsed and validated by this call (the rest were held already).</param>
/// <param name="Plans">Plans made by this call.</param>
/// <param name="Failed">Keys of documents that do not run on the engine's schema, with the first error of each.</param>
public sealed record PinnedDocumentsReport(int Pinned, int Prepared, int Plans, IReadOnlyDictionary<string, string> Failed)
{
    /// <summary>Nothing pinned.</summary>
    public static PinnedDocumentsReport None { get; } = new(0, 0, 0, new Dictionary<string, string>());
}
