using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.Identity;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Subscriptions: the root field's rule is decided before the source stream is opened, and every event runs as a
/// request of its own: its own service scope (fresh data loaders), its own <see cref="RequestAccess"/> (the access log
/// records the customers each event showed an agent) and the <see cref="AuthorizingParallelExecutionStrategy"/>, so
/// type rules hold for event payloads as for query results.
/// </summary>
internal sealed class AuthorizingSubscriptionExecutionStrategy(IServiceScopeFactory scopes, AgentAccessLogWriter accessLog)
    : ScopedSubscriptionExecutionStrategy(scopes, new AuthorizingParallelExecutionStrategy())
{
    protected override async Task<IObservable<ExecutionResult>?> ResolveResponseStreamAsync(ExecutionContext context, ExecutionNode node)
    {
        ExecutionError? refusal;
        try
        {
            refusal = await AuthorizationFieldMiddleware.CheckSubscribeAsync(new ReadonlyResolveFieldContext(node, context)).ConfigureAwait(false);
        }
        catch (ExecutionError error)
        {
            refusal = error;
        }

        if (refusal is not null)
        {
            refusal.Path = node.ResponsePath;
            refusal.AddLocation(node.Field, context.Document);
            context.Errors.Add(refusal);
            return null;
        }

        return await base.ResolveResponseStreamAsync(context, node).ConfigureAwait(false);
    }

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        var caller = context.UserContext is SubgraphUserContext subscriber ? subscriber.Caller : CallerIdentity.Anonymous;
        var userContext = new SubgraphUserContext(caller);
        context.UserContext = userContext;
        var result = await base.ProcessDataAsync(context, node, value).ConfigureAwait(false);
        await accessLog.WriteAsync(userContext.Access, result, context.Operation.Name?.StringValue).ConfigureAwait(false);
        return result;
    }
}
