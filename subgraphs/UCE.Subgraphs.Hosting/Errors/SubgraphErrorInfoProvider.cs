using System.Data.Common;
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
        var message = code switch
        {
            ErrorCodes.InternalServerError when executionError is not DomainError => "Internal server error.",
            ErrorCodes.DatabaseUnavailable when executionError is not DomainError => "The database is unavailable for a moment; retry shortly.",
            _ => executionError.Message,
        };
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
        UnhandledError when IsTransientDatabaseFailure(error.InnerException) => ErrorCodes.DatabaseUnavailable,
        UnhandledError => ErrorCodes.InternalServerError,
        _ when IsStableCode(error) => error.Code!,
        _ => ErrorCodes.InternalServerError,
    };

    // A provider's transient failure (Npgsql: connection lost or refused, the server shutting down or not yet accepting;
    // SQLite: busy or locked), possibly wrapped by EF Core. Serialization failures and deadlocks are not unavailability.
    private static bool IsTransientDatabaseFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6), which its provider does not mark transient.
            if (current is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                || (current is DbException { IsTransient: true } db && db.SqlState is not ("40001" or "40P01")))
            {
                return true;
            }
        }

        return false;
    }

    // GraphQL.NET derives a code from the inner exception's type name (INVALID_OPERATION …); that is an
    // implementation detail, not a contract, so only codes set on purpose pass through.
    private static bool IsStableCode(ExecutionError error) =>
        !string.IsNullOrEmpty(error.Code)
        && (error.InnerException is null || error.Code != ErrorInfoProvider.GetErrorCode(error.InnerException));
}
