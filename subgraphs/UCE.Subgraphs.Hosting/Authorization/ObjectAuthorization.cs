using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Execution;
using GraphQL.Types;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>
/// Checks the <see cref="AccessRule"/> of an object's type once the object is known and before any of its fields is
/// resolved: for a field's value, each list item and each <c>_entities</c> representation alike. An entity type
/// without a rule is refused in <c>_entities</c>, so a new entity is closed until it says whom it serves.
/// </summary>
internal static class ObjectAuthorization
{
    /// <summary>
    /// The check an authorizing execution strategy makes before completing an object node: true when the node may
    /// complete; otherwise its refusal is set as the node's error (<paramref name="refuse"/>) or a failure of the check is
    /// handed to the strategy's unhandled-exception handling (<paramref name="unhandled"/>, which may rethrow).
    /// </summary>
    public static async Task<bool> AdmitsAsync(ExecutionContext context, ExecutionNode node, Func<Exception, Task<bool>> unhandled, Action<ExecutionError> refuse)
    {
        ExecutionError? refusal;
        try
        {
            refusal = await CheckAsync(context, node).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ExecutionError error)
        {
            refusal = error;
        }
        catch (Exception ex)
        {
            if (await unhandled(ex).ConfigureAwait(false))
            {
                throw;
            }

            return false;
        }

        if (refusal is not null)
        {
            refuse(refusal);
            return false;
        }

        return true;
    }

    /// <summary>The FORBIDDEN error for <paramref name="node"/>'s object, or null when the caller may read it.</summary>
    public static async ValueTask<ExecutionError?> CheckAsync(ExecutionContext context, ExecutionNode node)
    {
        if (node is not ObjectExecutionNode objectNode || node is RootExecutionNode || node.Result is null or IDataLoaderResult)
        {
            return null;
        }

        IObjectGraphType? type;
        try
        {
            type = objectNode.GetObjectGraphType(context.Schema);
        }
        catch (InvalidOperationException)
        {
            // Not a possible type: the engine reports it while completing the node.
            return null;
        }

        if (type is null)
        {
            return null;
        }

        var rule = type.AccessRuleOf();
        if (rule is null)
        {
            return IsEntityRepresentation(node) ? AccessDenied.Object(type.Name) : null;
        }

        var rootNode = RootFieldNode(node);

        var access = AuthorizationFieldMiddleware.RequestAccessOf(context.UserContext);
        var rootField = rootNode.Name ?? string.Empty;
        var decision = await rule.EvaluateAsync(new AccessRequest(
            access.Caller, node.Result, null, context.RequestServices!, access, rootField, context.CancellationToken)).ConfigureAwait(false);
        access.Record(rootField, decision);
        return decision.Allowed ? null : AccessDenied.Object(type.Name);
    }

    private static bool IsEntityRepresentation(ExecutionNode node) =>
        node.Parent is ArrayExecutionNode { Parent: RootExecutionNode } list && list.FieldDefinition?.Name == "_entities";

    private static ExecutionNode RootFieldNode(ExecutionNode node)
    {
        while (node.Parent is { } parent && parent is not RootExecutionNode)
        {
            node = parent;
        }

        return node;
    }
}

/// <summary>Queries: GraphQL.NET's parallel strategy with <see cref="ObjectAuthorization"/> before each object completes.</summary>
internal sealed class AuthorizingParallelExecutionStrategy : ParallelExecutionStrategy
{
    protected override async Task CompleteNodeAsync(ExecutionContext context, ExecutionNode node)
    {
        if (await ObjectAuthorization.AdmitsAsync(context, node, ex => ProcessNodeUnhandledExceptionAsync(context, node, ex), error => SetNodeError(context, node, error)).ConfigureAwait(false))
        {
            await base.CompleteNodeAsync(context, node).ConfigureAwait(false);
        }
    }
}

/// <summary>Mutations: GraphQL.NET's serial strategy with <see cref="ObjectAuthorization"/> before each object completes.</summary>
internal sealed class AuthorizingSerialExecutionStrategy : SerialExecutionStrategy
{
    protected override async Task CompleteNodeAsync(ExecutionContext context, ExecutionNode node)
    {
        if (await ObjectAuthorization.AdmitsAsync(context, node, ex => ProcessNodeUnhandledExceptionAsync(context, node, ex), error => SetNodeError(context, node, error)).ConfigureAwait(false))
        {
            await base.CompleteNodeAsync(context, node).ConfigureAwait(false);
        }
    }
}
