using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting;

/// <summary>What resolvers need from the request: the caller and the request's services (data loaders, context factories).</summary>
public static class ResolveFieldContextExtensions
{
    /// <summary>The caller's identity; anonymous when none was forwarded.</summary>
    public static CallerIdentity Caller(this IResolveFieldContext context) =>
        context.UserContext is SubgraphUserContext user ? user.Caller : CallerIdentity.Anonymous;

    /// <summary>A request-scoped service, typically a data loader (one instance per request, so its cache is per request).</summary>
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull =>
        (context.RequestServices ?? throw new InvalidOperationException("The request has no service provider."))
            .GetRequiredService<T>();
}
