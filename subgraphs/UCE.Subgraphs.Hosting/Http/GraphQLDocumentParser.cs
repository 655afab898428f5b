using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.Http;

/// <summary>
/// Parses request documents before execution, so that every document the parser refuses (a syntax error, or nesting
/// beyond <see cref="MaxDocumentDepth"/>) is a request error with <c>GRAPHQL_PARSE_FAILED</c> and a short message.
/// </summary>
internal static class GraphQLDocumentParser
{
    /// <summary>The deepest document the parser admits, in syntax nodes (a nested field costs two: the field and its selection set).</summary>
    public const int MaxDocumentDepth = 128;

    /// <summary>
    /// The JSON depth the response writer allows. A nested field adds one object and its list wrappers to the response, and
    /// two nodes to the document: twice <see cref="MaxDocumentDepth"/> covers fields with up to three list levels.
    /// </summary>
    public const int MaxResponseDepth = 2 * MaxDocumentDepth;

    private static readonly ParserOptions Options = new() { Ignore = IgnoreOptions.Comments, MaxDepth = MaxDocumentDepth };

    /// <summary>The parsed document, or null and the result that refuses it.</summary>
    public static GraphQLDocument? Parse(string query, out ExecutionResult? failure)
    {
        failure = null;
        try
        {
            return Parser.Parse(query, Options);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            failure = new ExecutionResult { Errors = [new SyntaxError(ex)] };
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            // The exception's own message carries the whole document; the client needs only where and why.
            var error = new ExecutionError($"The document is nested more than {MaxDocumentDepth} syntax levels deep.") { Code = ErrorCodes.ParseFailed };
            error.AddLocation(new Location(ex.Location.Line, ex.Location.Column));
            failure = new ExecutionResult { Errors = [error] };
        }

        return null;
    }
}
