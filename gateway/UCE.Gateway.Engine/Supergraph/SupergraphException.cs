namespace UCE.Gateway.Engine.Supergraph;

/// <summary>A supergraph SDL the gateway cannot serve; <see cref="Code"/> is stable for callers and logs.</summary>
public sealed class SupergraphException : Exception
{
    public SupergraphException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public SupergraphException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>One of the <c>SUPERGRAPH_*</c> codes below.</summary>
    public string Code { get; }

    /// <summary>The text is not GraphQL SDL.</summary>
    public const string SyntaxError = "SUPERGRAPH_SYNTAX_ERROR";

    /// <summary>The SDL links no join spec, or one of an unsupported version.</summary>
    public const string UnsupportedSpec = "SUPERGRAPH_UNSUPPORTED_SPEC";

    /// <summary>A join directive or <c>join__Graph</c> value is malformed or names something that does not exist.</summary>
    public const string InvalidJoinMetadata = "SUPERGRAPH_INVALID_JOIN_METADATA";

    /// <summary>The API schema left after removing inaccessible elements is not a valid schema.</summary>
    public const string InvalidApiSchema = "SUPERGRAPH_INVALID_API_SCHEMA";
}
