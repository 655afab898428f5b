namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// How deep an operation may be nested, and therefore how deep the JSON of its responses can get. Every JSON reader and
/// writer on a response path admits <see cref="MaxResponse"/>, so that any document the parser accepts is answered.
/// </summary>
public static class DocumentDepth
{
    /// <summary>The deepest document the parser admits, in syntax nodes (a nested field costs two: the field and its selection set).</summary>
    public const int MaxDocument = 128;

    /// <summary>
    /// The JSON depth of the deepest response. A nested field adds one object and its list wrappers to the response, and two
    /// nodes to the document: twice <see cref="MaxDocument"/> covers fields with up to three list levels.
    /// </summary>
    public const int MaxResponse = 2 * MaxDocument;
}
