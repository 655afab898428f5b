namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>Where an <see cref="AccessRule"/> is attached, which decides what its declarative equivalent may say.</summary>
public enum AccessRuleTarget
{
    /// <summary>A field of <c>Query</c> or <c>Mutation</c>: decided before its own mutation acts for anybody.</summary>
    RootField,

    /// <summary>A field of any other object type.</summary>
    Field,

    /// <summary>An object type: checked on every object of it, mutation payloads included.</summary>
    ObjectType,
}
