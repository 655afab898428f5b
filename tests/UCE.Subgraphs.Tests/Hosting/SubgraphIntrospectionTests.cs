using System.Text.Json;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Hosting;

/// <summary>
/// Every subgraph answers the introspection query as tools send it: graphql-js's <c>getIntrospectionQuery</c> with each of
/// its options alone and all together (the texts in <c>tests/fixtures/introspection-queries</c>, written by graphql-js).
/// </summary>
public sealed class SubgraphIntrospectionTests
{
    private static readonly string[] OptionSets =
        ["defaults", "descriptions-off", "specifiedByUrl", "directiveIsRepeatable", "schemaDescription", "inputValueDeprecation", "oneOf", "all"];

    public static TheoryData<string> Subgraphs() => SubgraphModules.Names();

    [Theory]
    [MemberData(nameof(Subgraphs))]
    public async Task Every_getIntrospectionQuery_option_is_answered_over_http(string subgraph)
    {
        await using var host = await SubgraphTestHost.StartAsync(SubgraphModules.Named(subgraph), connectionString: null);
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var optionSet in OptionSets)
        {
            var response = await host.GraphQL.PostAsync(await ReadQueryAsync(optionSet));
            Assert.False(response.HasErrors, $"{optionSet}: {response.Body}");
            answers[optionSet] = response.At("__schema");
        }

        var all = answers["all"];
        Assert.Equal(JsonValueKind.Null, all.GetProperty("description").ValueKind);
        var directives = Elements(all, "directives");
        Assert.Contains(directives, d => d.GetProperty("name").GetString() == "skip" && !d.GetProperty("isRepeatable").GetBoolean());
        Assert.All(directives, d => Assert.Contains(d.GetProperty("isRepeatable").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False }));
        Assert.All(all.GetProperty("types").EnumerateArray(), type =>
        {
            Assert.True(type.TryGetProperty("specifiedByURL", out _), type.GetProperty("name").GetString());
            Assert.Equal(
                type.GetProperty("kind").GetString() == "INPUT_OBJECT" ? JsonValueKind.False : JsonValueKind.Null,
                type.GetProperty("isOneOf").ValueKind);
            foreach (var field in Elements(type, "fields"))
            {
                Assert.All(Elements(field, "args"), argument => Assert.True(argument.TryGetProperty("isDeprecated", out _)));
            }

            Assert.All(Elements(type, "inputFields"), input => Assert.True(input.TryGetProperty("isDeprecated", out _)));
        });

        // No option changes which types, fields, arguments and directives there are (none of this graph's input values is deprecated).
        var shape = ShapeOf(answers["defaults"]);
        foreach (var optionSet in OptionSets)
        {
            Assert.Equal(shape, ShapeOf(answers[optionSet]));
        }
    }

    private static Task<string> ReadQueryAsync(string optionSet) =>
        File.ReadAllTextAsync(RepositoryFiles.PathOf($"tests/fixtures/introspection-queries/{optionSet}.graphql"));

    private static List<JsonElement> Elements(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];

    /// <summary>Every type, field, argument, input field, enum value and directive argument by name, one line each.</summary>
    private static string ShapeOf(JsonElement schema)
    {
        var lines = new List<string>();
        foreach (var type in schema.GetProperty("types").EnumerateArray())
        {
            var name = type.GetProperty("name").GetString();
            lines.Add(name!);
            foreach (var field in Elements(type, "fields"))
            {
                lines.Add($"{name}.{field.GetProperty("name").GetString()}({string.Join(",", Elements(field, "args").Select(a => a.GetProperty("name").GetString()))})");
            }

            lines.AddRange(Elements(type, "inputFields").Select(f => $"{name}.{f.GetProperty("name").GetString()}"));
            lines.AddRange(Elements(type, "enumValues").Select(v => $"{name}.{v.GetProperty("name").GetString()}"));
        }

        lines.AddRange(Elements(schema, "directives").Select(d => $"@{d.GetProperty("name").GetString()}({string.Join(",", Elements(d, "args").Select(a => a.GetProperty("name").GetString()))})"));
        return string.Join("\n", lines);
    }
}
