using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using Microsoft.Extensions.DependencyInjection;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Subscriptions: the root field's <see cref="AccessRule"/> is decided before its source stream is opened (a refused
/// subscription gets <c>FORBIDDEN</c> and no stream; a root field without a rule is closed), and every event is executed
/// in a service scope of its own by <see cref="AuthorizingSerialExecutionStrategy"/>, so type and field rules hold on each
/// event as on a query, and data loaders never serve one event's cache to the next.
/// </summary>
internal sealed class AuthorizingSubscriptionExecutionStrategy(IServiceScopeFactory scopes)
    : ScopedSubscriptionExecutionStrategy(scopes, new AuthorizingSerialExecutionStrategy())
{
    protected override async Task<IObservable<ExecutionResult>?> ResolveResponseStreamAsync(ExecutionContext context, ExecutionNode node)
    {
        var rule = node.FieldDefinition?.AccessRuleOf() ?? AuthorizationFieldMiddleware.Unruled;
        var access = AuthorizationFieldMiddleware.RequestAccessOf(context.UserContext);
        var field = new ReadonlyResolveFieldContext(node, context);
        var rootField = node.Name ?? node.Field.Name.StringValue;
        var decision = await rule.EvaluateAsync(new AccessRequest(
            access.Caller, null, field, context.RequestServices!, access, rootField, context.CancellationToken)).ConfigureAwait(false);
        access.Record(rootField, decision);
        if (!decision.Allowed)
        {
            var error = AccessDenied.Field(node.FieldDefinition!.Name);
            error.Path = node.ResponsePath;
            error.AddLocation(node.Field, context.Document);
            context.Errors.Add(error);
            return null;
        }

        return await base.ResolveResponseStreamAsync(context, node).ConfigureAwait(false);
    }
}
