using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.Authorization;

/// <summary>The <c>FORBIDDEN</c> error a refused field or object answers with; it names the field or type, never whose data it was.</summary>
public static class AccessDenied
{
    public static DomainError Field(string fieldName) =>
        new(ErrorCodes.Forbidden, $"The caller may not use '{fieldName}'.");

    public static DomainError Object(string typeName) =>
        new(ErrorCodes.Forbidden, $"The caller may not read this {typeName}.");
}
