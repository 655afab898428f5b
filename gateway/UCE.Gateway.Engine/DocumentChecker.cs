using System.Globalization;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using UCE.Gateway.Engine.Execution;
using UCE.Gateway.Engine.Limits;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine;

/// <summary>
/// Checks an operation document ahead of time the way the engine checks it when it arrives: tokens, parse, validation
/// against the API schema, the operation limits (measured without variables, so a page size given as a variable counts at
/// its default) and a plan for every operation. Used to admit trusted documents and to find those a schema change breaks.
/// </summary>
public sealed class DocumentChecker
{
    private static readonly ParserOptions ParserOptions = new() { Ignore = IgnoreOptions.Comments, MaxDepth = DocumentDepth.MaxDocument };

    private readonly ApiSchemaIndex _schema;
    private readonly QueryPlanner _planner;
    private readonly OperationLimits _limits;
    private readonly DocumentValidator _validator = new();

    /// <param name="supergraph">The supergraph whose API schema the documents must be valid against.</param>
    /// <param name="limits">The limits the documents must stay within; the defaults when <c>null</c>.</param>
    public DocumentChecker(SupergraphSchema supergraph, OperationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(supergraph);
        _schema = new ApiSchemaIndex(supergraph.ApiSchema);
        _planner = new QueryPlanner(supergraph);
        _limits = limits ?? new OperationLimits();
    }

    /// <summary>Every reason the engine would refuse <paramref name="document"/>; empty when it would run it.</summary>
    public async ValueTask<IReadOnlyList<DocumentProblem>> CheckAsync(string document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tokens = 0;
        if (_limits.MaxTokens is { } maxTokens)
        {
            tokens = TokenCounter.Count(document, maxTokens);
            if (tokens > maxTokens)
            {
                return [new DocumentProblem(ErrorCodes.MaxTokensLimit, $"The document has more than {maxTokens} tokens.")];
            }
        }

        GraphQLDocument parsed;
        try
        {
            parsed = Parser.Parse(document, ParserOptions);
        }
        catch (GraphQLParserException ex)
        {
            var reason = ex is GraphQLMaxDepthExceededException ? $"The document is nested more than {DocumentDepth.MaxDocument} syntax levels deep." : ex.Description;
            return [new DocumentProblem(ErrorCodes.ParseFailed, At(reason, ex.Location.Line, ex.Location.Column))];
        }

        var prepared = new PreparedDocument(parsed) { Tokens = tokens };
        if (prepared.Operations.Count == 0)
        {
            return [new DocumentProblem(ErrorCodes.ValidationFailed, "The document contains no operation.")];
        }

        if (prepared.MeasureOperations(new OperationMeasurer(_schema, prepared.Fragments, _limits, variables: null)) is { } cyclic)
        {
            return [new DocumentProblem(ErrorCodes.FragmentCycle, $"Fragment \"{cyclic}\" spreads itself.")];
        }

        var problems = new List<DocumentProblem>();
        var result = await _validator.ValidateAsync(new ValidationOptions
        {
            Schema = _schema.Schema,
            Document = parsed,
            Rules = DocumentValidator.CoreRules,
            Operation = prepared.Operations[0],
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        foreach (var error in result.Errors)
        {
            if (error is not InvalidVariableError)
            {
                var location = error.Locations is { Count: > 0 } locations ? locations[0] : default(Location?);
                problems.Add(new DocumentProblem(ErrorCodes.ValidationFailed, At(error.Message, location?.Line, location?.Column)));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        foreach (var operation in prepared.Operations)
        {
            var name = operation.Name?.StringValue;
            if (OperationLimitCheck.FirstExceeded(prepared.Measures[operation], tokens, _limits) is { } exceeded)
            {
                problems.Add(new DocumentProblem(exceeded.Code, Named(name, exceeded.Message)));
                continue;
            }

            try
            {
                _planner.Plan(parsed, prepared.Operations.Count == 1 ? null : name);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                problems.Add(new DocumentProblem(ErrorCodes.QueryPlanningFailed, Named(name, $"The operation could not be planned: {ex.Message}")));
            }
        }

        return problems;
    }

    private static string At(string message, int? line, int? column) =>
        line is null || column is null ? message : string.Create(CultureInfo.InvariantCulture, $"{message} (line {line}, column {column})");

    private static string Named(string? operation, string message) => operation is null ? message : $"Operation {operation}: {message}";
}

/// <summary>One reason a document would be refused: the error code a client would get, and the message.</summary>
public sealed record DocumentProblem(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
