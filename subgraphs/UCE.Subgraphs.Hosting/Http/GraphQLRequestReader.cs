using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.Http;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Subgraphs.Hosting.Http;

/// <summary>Reads GraphQL requests from a JSON body or a query string, refusing malformed ones with a precise message.</summary>
internal sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
    /// <summary>Reads a POST body: one request object, or an array of them (a batch).</summary>
    public (IReadOnlyList<object> Requests, bool Batched, GraphQLHttpProblem? Problem) ReadBody(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ([], false, new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request body is not valid JSON."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return ([FromJson(root)], false, null);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() == 0)
                {
                    return ([], true, new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request batch is empty."));
                }

                return (root.EnumerateArray().Select(FromJson).ToList(), true, null);
            }

            return ([], false, new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request body must be a JSON object with a 'query'."));
        }
    }

    /// <summary>Reads one request object (a <c>subscribe</c> payload): a <see cref="GraphQLHttpRequest"/> or the <see cref="GraphQLHttpProblem"/> that refuses it.</summary>
    public object ReadRequest(JsonElement element) => FromJson(element);

    /// <summary>Reads a GET query string (<c>query</c>, <c>operationName</c>, JSON-encoded <c>variables</c> and <c>extensions</c>).</summary>
    public object FromQueryString(IQueryCollection query)
    {
        var text = query["query"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return MissingQuery;
        }

        var operationName = query["operationName"].ToString();
        if (!TryReadJsonMap(query["variables"].ToString(), "variables", out var variables, out var problem)
            || !TryReadJsonMap(query["extensions"].ToString(), "extensions", out var extensions, out problem))
        {
            return problem!;
        }

        return new GraphQLHttpRequest(text, operationName.Length == 0 ? null : operationName, variables, extensions);
    }

    private static GraphQLHttpProblem MissingQuery { get; } =
        new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request has no 'query' string.");

    /// <summary>Either a <see cref="GraphQLHttpRequest"/> or the <see cref="GraphQLHttpProblem"/> that refuses it.</summary>
    private object FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Each request must be a JSON object with a 'query'.");
        }

        if (!element.TryGetProperty("query", out var queryElement) || queryElement.ValueKind == JsonValueKind.Null)
        {
            return MissingQuery;
        }

        if (queryElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(queryElement.GetString()))
        {
            return new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "'query' must be a non-empty string.");
        }

        string? operationName = null;
        if (element.TryGetProperty("operationName", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null)
        {
            if (nameElement.ValueKind != JsonValueKind.String)
            {
                return new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "'operationName' must be a string or null.");
            }

            operationName = nameElement.GetString();
        }

        if (!TryReadMap(element, "variables", out var variables, out var problem)
            || !TryReadMap(element, "extensions", out var extensions, out problem))
        {
            return problem!;
        }

        return new GraphQLHttpRequest(queryElement.GetString()!, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions);
    }

    private bool TryReadMap(JsonElement parent, string name, out Inputs? map, out GraphQLHttpProblem? problem)
    {
        map = null;
        problem = null;
        return !parent.TryGetProperty(name, out var element) || TryConvertMap(element, name, out map, out problem);
    }

    private bool TryReadJsonMap(string text, string name, out Inputs? map, out GraphQLHttpProblem? problem)
    {
        map = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return TryConvertMap(document.RootElement, name, out map, out problem);
        }
        catch (JsonException)
        {
            problem = new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"'{name}' is not valid JSON.");
            return false;
        }
    }

    private bool TryConvertMap(JsonElement element, string name, out Inputs? map, out GraphQLHttpProblem? problem)
    {
        map = null;
        problem = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = new GraphQLHttpProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, $"'{name}' must be a JSON object or null.");
            return false;
        }

        map = serializer.Deserialize<Inputs>(element.GetRawText());
        return true;
    }
}
