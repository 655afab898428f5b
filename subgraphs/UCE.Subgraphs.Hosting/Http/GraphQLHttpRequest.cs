using GraphQL;

namespace UCE.Subgraphs.Hosting.Http;

/// <summary>One GraphQL request as the GraphQL-over-HTTP spec carries it, in a JSON body or a GET query string.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);

/// <summary>A request that could not be read, with the HTTP status and code it is refused with.</summary>
internal sealed record GraphQLHttpProblem(int StatusCode, string Code, string Message);
