using GraphQL;

namespace UCE.Subgraphs.Hosting.Errors;

/// <summary>
/// A rule of the domain refused the request; thrown from a resolver, it becomes a GraphQL error whose
/// <c>extensions.code</c> is <see cref="ExecutionError.Code"/> (for example <c>PAYMENT_AMOUNT_INVALID</c>).
/// </summary>
public class DomainError : ExecutionError
{
    public DomainError(string code, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }
}
