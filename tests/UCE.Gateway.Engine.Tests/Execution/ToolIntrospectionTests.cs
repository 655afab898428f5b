using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Supergraph;
using UCE.Gateway.Engine.Tests.Supergraph;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>
/// The introspection query as tools send it (graphql-js's <c>getIntrospectionQuery</c>, which GraphiQL, Banana Cake Pop,
/// Apollo's tools and codegen use), with each of its options alone and all together, through the gateway: the schema
/// graphql-js builds from the answer must print as Apollo's API schema of the same supergraph does through the same
/// options.
/// </summary>
public sealed class ToolIntrospectionTests
{
    private const string AllOptions = """{"descriptions":true,"specifiedByUrl":true,"directiveIsRepeatable":true,"schemaDescription":true,"inputValueDeprecation":true,"oneOf":true}""";

    /// <summary>The option sets: graphql-js's defaults, each option alone, everything.</summary>
    private static readonly (string Name, string Options)[] OptionSets =
    [
        ("defaults", "{}"),
        ("descriptions-off", """{"descriptions":false}"""),
        ("specifiedByUrl", """{"specifiedByUrl":true}"""),
        ("directiveIsRepeatable", """{"directiveIsRepeatable":true}"""),
        ("schemaDescription", """{"schemaDescription":true}"""),
        ("inputValueDeprecation", """{"inputValueDeprecation":true}"""),
        ("oneOf", """{"oneOf":true}"""),
        ("all", AllOptions),
    ];

    /// <summary>
    /// <c>introspection</c> has what the options reveal (a schema description, <c>@specifiedBy</c>, a repeatable directive,
    /// deprecated arguments and input fields); <c>uce</c> is the committed UCE supergraph.
    /// </summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var supergraph in new[] { "introspection", "uce" })
        {
            foreach (var (name, _) in OptionSets)
            {
                cases.Add(supergraph, name);
            }
        }

        return cases;
    }

    [ApolloOracleTheory]
    [MemberData(nameof(Cases))]
    public async Task Introspection_with_graphql_js_options_builds_the_api_schema_apollo_derives(string supergraph, string optionSet)
    {
        var options = OptionSets.Single(s => s.Name == optionSet).Options;
        var file = SupergraphFile(supergraph);
        using var gateway = new FederatedGateway(SupergraphSchema.Parse(await File.ReadAllTextAsync(file)), new GatewayOptions());
        var query = await GraphQLJsIntrospection.QueryAsync(options);
        // The subgraph tests send the committed copies of these texts, for want of Node there.
        var committed = await File.ReadAllTextAsync(Path.Combine(ApolloGatewayOracle.TestsDirectory, "fixtures", "introspection-queries", optionSet + ".graphql"));
        Assert.Equal(query, committed[(committed.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

        var answer = await RunAsync(gateway, query);

        Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
        var printed = await GraphQLJsIntrospection.PrintAsync(file, options, answer);
        Assert.Equal(printed.Expected, printed.Actual);
        if (optionSet == "all")
        {
            // With every option the answer holds the whole API schema.
            Assert.Equal(printed.ApiSchema, printed.Actual);
        }
    }

    private static string SupergraphFile(string supergraph) => supergraph == "uce"
        ? Path.GetFullPath(Path.Combine(ApolloGatewayOracle.TestsDirectory, "..", "schema", "supergraph.graphql"))
        : Path.Combine(SupergraphFixtures.Directory, supergraph, "supergraph.graphql");

    private static async Task<JsonObject> RunAsync(FederatedGateway gateway, string query)
    {
        var response = await gateway.ExecuteAsync(new GatewayRequest(query), CancellationToken.None);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            response.WriteTo(writer);
        }

        return JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()))!.AsObject();
    }
}
