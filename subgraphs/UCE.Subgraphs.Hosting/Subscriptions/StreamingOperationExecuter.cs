using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.Diagnostics;
using UCE.Subgraphs.Hosting.Http;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Subscriptions;

/// <summary>
/// Runs one operation for the streaming transports: parses it, executes it in a service scope of its own (a WebSocket
/// carries many operations; their data loaders must not share a cache) and writes the agent access log. A subscription
/// returns its stream in <see cref="ExecutionResult.Streams"/>; its events run in scopes of their own
/// (<see cref="Authorization.AuthorizingSubscriptionExecutionStrategy"/>).
/// </summary>
internal sealed class StreamingOperationExecuter(IDocumentExecuter<ISchema> executer, IServiceScopeFactory scopes, AgentAccessLogWriter accessLog)
{
    public async Task<ExecutionResult> ExecuteAsync(GraphQLHttpRequest request, CallerIdentity caller, ClaimsPrincipal? user, CancellationToken cancellationToken, GraphQLDocument? document = null)
    {
        if (document is null)
        {
            document = GraphQLDocumentParser.Parse(request.Query, out var failure);
            if (document is null)
            {
                return failure!;
            }
        }

        using var activity = SubgraphTelemetry.Source.StartActivity("graphql.execute");
        activity?.SetTag("graphql.operation.name", request.OperationName);
        var userContext = new SubgraphUserContext(caller);
        await using var scope = scopes.CreateAsyncScope();
        using var reads = GraphQLHttpEndpoint.RouteReads(document, request.OperationName);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = userContext,
            RequestServices = scope.ServiceProvider,
            User = user,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        if (result.Errors is { Count: > 0 } errors)
        {
            activity?.SetTag("graphql.errors", errors.Count);
        }

        await accessLog.WriteAsync(userContext.Access, result, request.OperationName).ConfigureAwait(false);
        return result;
    }
}
