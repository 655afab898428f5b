using GraphQL;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>What a rule sees: the caller, the value it guards, and, for a field rule, the field's arguments.</summary>
public sealed class AccessRequest
{
    internal AccessRequest(CallerIdentity caller, object? value, IResolveFieldContext? field, IServiceProvider services, RequestAccess access, string rootField, CancellationToken cancellationToken)
    {
        Caller = caller;
        Value = value;
        Field = field;
        Services = services;
        Access = access;
        RootField = rootField;
        CancellationToken = cancellationToken;
    }

    public CallerIdentity Caller { get; }

    /// <summary>A type rule: the object about to be returned. A field rule: the parent object (null on root fields).</summary>
    public object? Value { get; }

    /// <summary>The field being resolved, with its arguments; null for a type rule.</summary>
    public IResolveFieldContext? Field { get; }

    /// <summary>The request's services (data loaders, context factories).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The response key of the root field this value sits under (<c>customer</c>, <c>_entities</c>, an alias).</summary>
    public string RootField { get; }

    public CancellationToken CancellationToken { get; }

    internal RequestAccess Access { get; }
}
