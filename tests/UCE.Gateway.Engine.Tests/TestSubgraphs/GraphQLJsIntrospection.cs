using System.Diagnostics;
using System.Text.Json.Nodes;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>
/// graphql-js's introspection through <c>tests/tools/apollo/introspection.mjs</c>: the query text tools send for a set of
/// <c>getIntrospectionQuery</c> options, and an answer built into a schema and printed beside Apollo's API schema of the
/// same supergraph, introspected with the same options.
/// </summary>
public static class GraphQLJsIntrospection
{
    /// <summary><c>getIntrospectionQuery(options)</c>, options as graphql-js takes them (<c>{"specifiedByUrl":true}</c>).</summary>
    public static async Task<string> QueryAsync(string optionsJson) => await RunAsync(null, "query", optionsJson);

    /// <summary>The schema printed from <paramref name="answer"/>, and the one graphql-js prints from Apollo's API schema.</summary>
    public static async Task<PrintedSchemas> PrintAsync(string supergraphFile, string optionsJson, JsonObject answer)
    {
        var output = await RunAsync(answer.ToJsonString(), "print", supergraphFile, optionsJson);
        var printed = JsonNode.Parse(output)!;
        return new PrintedSchemas(
            printed["actual"]!.GetValue<string>(),
            printed["expected"]!.GetValue<string>(),
            printed["api"]!.GetValue<string>());
    }

    private static async Task<string> RunAsync(string? input, params string[] arguments)
    {
        if (ApolloGatewayOracle.Unavailable() is { } reason)
        {
            throw new InvalidOperationException($"graphql-js of the Apollo oracle is required (CI=true) but cannot run: {reason}");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ApolloGatewayOracle.ToolsDirectory, "introspection.mjs"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"introspection.mjs {string.Join(' ', arguments)} failed: {await error}");
        }

        return await output;
    }

    /// <summary>What graphql-js printed: from the answer, from Apollo's API schema through the same options, and Apollo's API schema itself.</summary>
    public sealed record PrintedSchemas(string Actual, string Expected, string ApiSchema);
}
