using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Snapshooter.Xunit;

namespace UCE.Gateway.Engine.Tests.Supergraph;

public sealed class ApiSchemaTests
{
    [Fact]
    public void Printed_api_schema_of_the_inaccessible_fixture_matches_its_snapshot()
    {
        Snapshot.Match(SupergraphFixtures.Load("inaccessible").ApiSchemaSdl);
    }

    [Fact]
    public void Inaccessible_fields_types_arguments_enum_values_and_input_fields_are_absent()
    {
        var schema = SupergraphFixtures.Load("inaccessible").ApiSchema;

        var account = (IObjectGraphType)schema.AllTypes["Account"]!;
        Assert.Null(account.GetField("internalScore"));
        Assert.NotNull(account.GetField("name"));
        Assert.Null(account.GetField("kind")!.Arguments!.Find("debug"));
        Assert.NotNull(account.GetField("kind")!.Arguments!.Find("include"));
        Assert.Null(schema.AllTypes["LegacyAccount"]);
        Assert.Null(schema.Query.GetField("legacyAccount"));
        Assert.Equal(["RESIDENTIAL", "COMMERCIAL"], ((EnumerationGraphType)schema.AllTypes["Kind"]!).Values.Select(v => v.Name));
        var filter = (IInputObjectGraphType)schema.AllTypes["Filter"]!;
        Assert.Null(filter.GetField("secret"));
        Assert.NotNull(filter.GetField("minBalance"));
    }

    [Fact]
    public void Types_reachable_only_through_inaccessible_fields_are_removed()
    {
        var supergraph = SupergraphFixtures.Load("inaccessible");

        Assert.NotNull(supergraph.Type("Audit"));
        Assert.Null(supergraph.ApiSchema.AllTypes["Audit"]);
        Assert.DoesNotContain("Audit", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_root_types_stay_the_api_schema_roots()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("entity-jump")
            .Replace("query: Query", "query: RootQuery", StringComparison.Ordinal)
            .Replace("type Query", "type RootQuery", StringComparison.Ordinal);

        var supergraph = Engine.Supergraph.SupergraphSchema.Parse(sdl);

        Assert.Equal("RootQuery", supergraph.ApiSchema.Query.Name);
        Assert.Contains("query: RootQuery", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        var plan = new Engine.Planning.QueryPlanner(supergraph).Plan(GraphQLParser.Parser.Parse("{ customers { balance } }"), null);
        Assert.IsType<Engine.Planning.SequenceNode>(plan.Root);
    }

    [Fact]
    public void Join_and_link_machinery_is_absent_from_the_api_schema()
    {
        var supergraph = SupergraphFixtures.Load("interface-object");

        Assert.DoesNotContain("join__", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("link__", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("@link", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain(supergraph.ApiSchema.AllTypes, t => t.Name.StartsWith("join__", StringComparison.Ordinal));
        Assert.IsAssignableFrom<IInterfaceGraphType>(supergraph.ApiSchema.AllTypes["Device"]);
    }

    [Fact]
    public void Cost_tag_and_composed_directives_of_join_v0_5_are_left_out_of_the_api_schema()
    {
        var supergraph = SupergraphFixtures.Load("linked-specs");

        Assert.Equal("v0.5", supergraph.JoinVersion);
        foreach (var machinery in new[] { "@cost", "@listSize", "@tag", "@audited", "join__", "@link" })
        {
            Assert.DoesNotContain(machinery, supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        }

        Assert.NotNull(((IObjectGraphType)supergraph.ApiSchema.AllTypes["User"]!).GetField("plan"));
    }

    [Fact]
    public void Custom_executable_directives_are_kept_in_the_api_schema()
    {
        var supergraph = SupergraphFixtures.Load("executable-directives");

        Assert.Contains("directive @trace(label: String) on FIELD | QUERY", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.Contains("trace", supergraph.ExecutableDirectives);
        Assert.NotNull(supergraph.ApiSchema.Directives.Find("trace"));
    }

    [Fact]
    public void Descriptions_deprecations_and_default_values_are_kept()
    {
        var supergraph = SupergraphFixtures.Load("inaccessible");

        var accounts = supergraph.ApiSchema.Query.GetField("accounts")!;
        Assert.Equal("use account", accounts.DeprecationReason);
        Assert.Equal("Money in cents", supergraph.ApiSchema.AllTypes["Cents"]!.Description);
        Assert.Contains("minBalance: Cents = 0", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.Contains("@specifiedBy(url: \"https://example.com/cents\")", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_scalars_accept_any_literal_or_variable_value()
    {
        var schema = SupergraphFixtures.Load("inaccessible").ApiSchema;
        var variables = new GraphQLSerializer().Deserialize<Inputs>("""{"f": {"minBalance": {"amount": [1, "x", null]}}}""");

        var literal = await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = """{ accounts(filter: {minBalance: {nested: [1, 2.5, "s", true, null, ENUMISH]}}) { id } }""";
        });
        var variable = await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = schema;
            o.Query = "query($f: Filter) { accounts(filter: $f) { id } }";
            o.Variables = variables;
        });

        // Execution has no resolvers (the gateway executes plans), so only validation and variable coercion errors count here.
        Assert.Empty(RequestErrors(literal));
        Assert.Empty(RequestErrors(variable));
    }

    [Fact]
    public async Task Inaccessible_fields_fail_validation()
    {
        var result = await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = SupergraphFixtures.Load("inaccessible").ApiSchema;
            o.Query = """{ account(id: "1") { internalScore } }""";
        });

        Assert.NotNull(result.Errors);
        Assert.Contains(result.Errors, e => e.Message.Contains("internalScore", StringComparison.Ordinal));
    }

    private static List<string> RequestErrors(ExecutionResult result) =>
        (result.Errors ?? []).Where(e => e is GraphQL.Validation.ValidationError or GraphQL.Validation.InvalidVariableError).Select(e => e.Message).ToList();
}
