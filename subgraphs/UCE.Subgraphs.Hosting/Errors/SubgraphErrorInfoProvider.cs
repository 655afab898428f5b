using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace UCE.Subgraphs.Hosting.Errors;

/// <summary>
/// Shapes every GraphQL error as <c>{ message, locations, path, extensions: { code } }</c>, mapping GraphQL.NET's
/// own error classes to the codes of <see cref="ErrorCodes"/> so clients never see engine-specific codes.
/// </summary>
internal sealed class SubgraphErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var code = CodeOf(executionError);
        var message = code == ErrorCodes.InternalServerError && executionError is not DomainError
            ? "Internal server error."
            : executionError.Message;
        return new ErrorInfo
        {
            Message = message,
            Extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code },
        };
    }

    internal static string CodeOf(ExecutionError error) => error switch
    {
        DomainError domain => domain.Code!,
        SyntaxError => ErrorCodes.ParseFailed,
        InvalidVariableError => ErrorCodes.BadUserInput,
        GraphQL.Validation.Errors.Custom.ComplexityError => ErrorCodes.MaxDepthLimit,
        ValidationError => ErrorCodes.ValidationFailed,
        DocumentError => ErrorCodes.BadRequest,
        UnhandledError => ErrorCodes.InternalServerError,
        _ when IsStableCode(error) => error.Code!,
        _ => ErrorCodes.InternalServerError,
    };

    // GraphQL.NET derives a code from the inner exception's type name (INVALID_OPERATION …); that is an
    // implementation detail, not a contract, so only codes set on purpose pass through.
    private static bool IsStableCode(ExecutionError error) =>
        !string.IsNullOrEmpty(error.Code)
        && (error.InnerException is null || error.Code != ErrorInfoProvider.GetErrorCode(error.InnerException));
}
