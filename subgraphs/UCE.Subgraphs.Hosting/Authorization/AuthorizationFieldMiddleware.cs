using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Instrumentation;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Checks a field's <see cref="AccessRule"/> before its resolver runs. A root field without a rule is closed to
/// everybody, so a new root field, mutation or subscription serves no one until it says whom it serves.
/// </summary>
internal sealed class AuthorizationFieldMiddleware : IFieldMiddleware
{
    internal static readonly AccessRule Unruled = new("nobody (the field has no rule)", _ => ValueTask.FromResult(AccessDecision.Deny()));

    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var rule = RuleOf(context);
        if (rule is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        var access = RequestAccessOf(context.UserContext);
        var rootField = context.ResponsePath.First() as string ?? context.FieldAst.Name.StringValue;
        var request = new AccessRequest(access.Caller, context.Source, context, context.RequestServices!, access, rootField, context.CancellationToken);
        if (rule.LooksUp)
        {
            // Decided with the data loaders of the level: the lookups of every such field are queued first and fetched
            // together. GraphQL.NET does not reuse the context of a field whose result is deferred.
            rule.Prepare(request);
            return new DeferredDecision(() => DecideThenResolveAsync(rule, request, access, context, next));
        }

        return await DecideThenResolveAsync(rule, request, access, context, next).ConfigureAwait(false);
    }

    private static async Task<object?> DecideThenResolveAsync(AccessRule rule, AccessRequest request, RequestAccess access, IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var decision = await rule.EvaluateAsync(request).ConfigureAwait(false);
        access.Record(request.RootField, decision);
        if (!decision.Allowed)
        {
            throw AccessDenied.Field(context.FieldDefinition.Name);
        }

        // A mutation that acted for a customer may show that customer's objects in its payload.
        if (decision.CustomerId is { } customerId && context.ParentType == context.Schema.Mutation)
        {
            access.Grant(request.RootField, customerId);
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>A field decided when GraphQL.NET completes the data loaders of its level; a resolver's own deferred result is handed on.</summary>
    /// <summary>
    /// Decides a subscription's root field before its source stream is opened (GraphQL.NET runs field middleware on each
    /// event, not on the subscribe step): the FORBIDDEN error, or null when the caller may subscribe.
    /// </summary>
    internal static async ValueTask<ExecutionError?> CheckSubscribeAsync(IResolveFieldContext context)
    {
        var rule = RuleOf(context);
        if (rule is null)
        {
            return null;
        }

        var access = RequestAccessOf(context.UserContext);
        var rootField = context.ResponsePath.First() as string ?? context.FieldAst.Name.StringValue;
        var request = new AccessRequest(access.Caller, context.Source, context, context.RequestServices!, access, rootField, context.CancellationToken);
        rule.Prepare(request);
        var decision = await rule.EvaluateAsync(request).ConfigureAwait(false);
        access.Record(rootField, decision);
        return decision.Allowed ? null : AccessDenied.Field(context.FieldDefinition.Name);
    }

    private static AccessRule? RuleOf(IResolveFieldContext context) =>
        context.FieldDefinition.AccessRuleOf() ?? (IsRootField(context) ? Unruled : null);

    private sealed class DeferredDecision(Func<Task<object?>> decideThenResolve) : IDataLoaderResult
    {
        public Task<object?> GetResultAsync(CancellationToken cancellationToken = default) => decideThenResolve();
    }

    internal static RequestAccess RequestAccessOf(IDictionary<string, object?> userContext) =>
        userContext is SubgraphUserContext subgraph ? subgraph.Access : new RequestAccess(Identity.CallerIdentity.Anonymous);

    private static bool IsRootField(IResolveFieldContext context) =>
        (context.ParentType == context.Schema.Query || context.ParentType == context.Schema.Mutation || context.ParentType == context.Schema.Subscription)
        && context.FieldDefinition.Name is not ("_service" or "_entities");
}
