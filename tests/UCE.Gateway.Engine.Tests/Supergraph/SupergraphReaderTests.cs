using UCE.Gateway.Engine.Supergraph;

namespace UCE.Gateway.Engine.Tests.Supergraph;

public sealed class SupergraphReaderTests
{
    [Fact]
    public void Reads_subgraph_names_urls_and_enum_values_from_join_graph()
    {
        var supergraph = SupergraphFixtures.Load("entity-jump");

        Assert.Equal(
            [new SubgraphInfo("accounts", "ACCOUNTS", "http://accounts.local/graphql"), new SubgraphInfo("billing", "BILLING", "http://billing.local/graphql")],
            supergraph.Subgraphs);
        Assert.Equal("v0.4", supergraph.JoinVersion);
    }

    [Fact]
    public void Reads_the_supergraph_our_composer_wrote_for_the_seven_uce_subgraphs()
    {
        var path = Path.Combine(SupergraphFixtures.Directory, "..", "..", "..", "schema", "supergraph.graphql");

        var supergraph = SupergraphSchema.Parse(File.ReadAllText(path));

        Assert.Equal(
            ["billing", "communications", "customers", "outages", "products", "service", "usage"],
            supergraph.Subgraphs.Select(s => s.Name).Order(StringComparer.Ordinal));
        var planner = new Engine.Planning.QueryPlanner(supergraph);
        foreach (var field in supergraph.Type(supergraph.QueryTypeName)!.Fields)
        {
            var selection = supergraph.Type(field.NamedType)?.IsComposite == true ? " { __typename }" : string.Empty;
            // Planning does not check arguments (the document is validated before), so required ones may be left out here.
            var plan = planner.Plan(GraphQLParser.Parser.Parse($"{{ {field.Name}{selection} }}"), null);
            Assert.NotNull(plan.Root);
        }
    }

    [Fact]
    public void Reads_keys_including_unresolvable_ones_per_subgraph()
    {
        var product = SupergraphFixtures.Load("multiple-keys").Type("Product")!;

        Assert.Equal(["upc", "sku"], product.InGraph("catalog")!.Keys.Select(k => k.Fields));
        Assert.True(product.InGraph("catalog")!.Keys.All(k => k.Resolvable));
        Assert.False(product.InGraph("reviews")!.Keys.Single().Resolvable);
        Assert.Equal("sku", product.InGraph("inventory")!.Keys.Single().Fields);
    }

    [Fact]
    public void Reads_requires_external_and_override_on_fields()
    {
        var product = SupergraphFixtures.Load("requires").Type("Product")!;
        var estimate = product.Field("shippingEstimate")!.JoinFields.Single();
        Assert.Equal("shipping", estimate.Graph);
        Assert.Equal("weight price", estimate.RequiresText);
        Assert.Contains(product.Field("weight")!.JoinFields, j => j.Graph == "shipping" && j.External);

        var total = SupergraphFixtures.Load("override").Type("Bill")!.Field("total")!;
        Assert.Contains(total.JoinFields, j => j.Graph == "billing" && j.OverrideFrom == "legacy");
        Assert.DoesNotContain(total.JoinFields, j => j.Graph == "legacy" && !j.UsedOverridden);
    }

    [Fact]
    public void Reads_interface_objects_implementations_and_union_members_per_subgraph()
    {
        var devices = SupergraphFixtures.Load("interface-object");
        Assert.True(devices.Type("Device")!.IsInterfaceObjectIn("telemetry"));
        Assert.False(devices.Type("Device")!.IsInterfaceObjectIn("devices"));
        Assert.Equal(["Device"], devices.PossibleTypesIn("telemetry", "Device"));
        Assert.Equal(["Charger", "Thermostat"], devices.PossibleTypesIn("devices", "Device").Order(StringComparer.Ordinal));

        var search = SupergraphFixtures.Load("union-partial-members");
        Assert.Equal(["Customer", "Outage"], search.PossibleTypesIn("search", "Result").Order(StringComparer.Ordinal));
        Assert.Equal(["Notice", "Outage"], search.PossibleTypesIn("notices", "Result").Order(StringComparer.Ordinal));
        Assert.Equal(["Customer", "Notice", "Outage"], search.PossibleTypes("Result").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("v0.2")]
    [InlineData("v0.3")]
    [InlineData("v0.5")]
    public void Reads_supergraphs_of_every_supported_join_version(string version)
    {
        var sdl = SupergraphFixtures.ReadSupergraph("requires").Replace("join/v0.4", "join/" + version, StringComparison.Ordinal);

        var supergraph = SupergraphSchema.Parse(sdl);

        Assert.Equal(version, supergraph.JoinVersion);
        Assert.Equal(["products", "shipping"], supergraph.Subgraphs.Select(s => s.Name));
    }

    [Fact]
    public void Reads_a_federation_1_supergraph_linked_with_core_and_join_owner()
    {
        var supergraph = SupergraphFixtures.Load("fed1-join-v0.1");

        var user = supergraph.Type("User")!;
        Assert.Equal("accounts", user.OwnerGraph);
        Assert.Equal(["accounts", "reviews"], supergraph.Subgraphs.Select(s => s.Name));
        Assert.Equal("id", user.InGraph("reviews")!.Keys.Single().Fields);
        Assert.Contains("reviews: [Review]", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("join__", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("core", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_join_directives_renamed_with_link_as()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("entity-jump")
            .Replace("join__", "j__", StringComparison.Ordinal)
            .Replace("\"https://specs.apollo.dev/join/v0.4\",", "\"https://specs.apollo.dev/join/v0.4\", as: \"j\",", StringComparison.Ordinal);

        var supergraph = SupergraphSchema.Parse(sdl);

        Assert.Equal("id", supergraph.Type("Customer")!.InGraph("billing")!.Keys.Single().Fields);
        Assert.DoesNotContain("j__", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_inaccessible_directive_still_hides_elements()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("inaccessible")
            .Replace("@inaccessible", "@hidden", StringComparison.Ordinal)
            .Replace("\"https://specs.apollo.dev/inaccessible/v0.2\",", "\"https://specs.apollo.dev/inaccessible/v0.2\", as: \"hidden\",", StringComparison.Ordinal);

        var supergraph = SupergraphSchema.Parse(sdl);

        Assert.DoesNotContain("internalScore", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("@hidden", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", SupergraphException.SyntaxError)]
    [InlineData("type Query {", SupergraphException.SyntaxError)]
    [InlineData("type Query { a: Int }", SupergraphException.UnsupportedSpec)]
    public void Rejects_text_that_is_not_a_supergraph_with_a_code(string sdl, string code)
    {
        var error = Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Rejects_an_unsupported_join_version_with_a_code()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("requires").Replace("join/v0.4", "join/v0.9", StringComparison.Ordinal);

        Assert.Equal(SupergraphException.UnsupportedSpec, Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl)).Code);
    }

    [Theory]
    [InlineData("authenticated/v0.2")]
    [InlineData("requiresScopes/v0.9")]
    [InlineData("cost/v0.1")]
    [InlineData("someone-elses-auth/v1.0")]
    public void Rejects_security_features_it_does_not_enforce_with_a_code(string feature)
    {
        var sdl = SupergraphFixtures.ReadSupergraph("requires").Replace(
            "@link(url: \"https://specs.apollo.dev/join/v0.4\", for: EXECUTION)",
            $"@link(url: \"https://specs.apollo.dev/join/v0.4\", for: EXECUTION) @link(url: \"https://specs.apollo.dev/{feature}\", for: SECURITY)",
            StringComparison.Ordinal);

        var error = Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl));

        Assert.Equal(SupergraphException.UnsupportedSpec, error.Code);
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_access_rules_on_types_and_fields_and_keeps_them_out_of_the_API_schema()
    {
        var supergraph = SupergraphFixtures.Load("exec-authorization");

        Assert.True(supergraph.Type("Query")!.Field("me")!.Access!.Authenticated);
        Assert.Equal([[["user:read", "email:read"], ["admin"]]], supergraph.Type("User")!.Field("email")!.Access!.Scopes);
        Assert.Equal([[["role:hr"], ["payroll"]]], supergraph.Type("Profile")!.Field("salary")!.Access!.Policies);
        Assert.Equal([[["billing"]]], supergraph.Type("Invoice")!.Access!.Scopes);
        Assert.Equal([[["billing"]]], supergraph.Type("Node")!.Access!.Scopes);
        Assert.True(supergraph.Type("Level")!.Access!.Authenticated);
        Assert.Equal([[["secrets"]]], supergraph.Type("SecretCode")!.Access!.Scopes);
        Assert.Null(supergraph.Type("User")!.Field("name")!.Access);
        Assert.DoesNotContain("requiresScopes", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticated", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
        Assert.DoesNotContain("@policy", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_access_rules_under_imported_names()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("exec-authorization")
            .Replace("@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)", "@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY, import: [{name: \"@requiresScopes\", as: \"@scopes\"}])", StringComparison.Ordinal)
            .Replace("@requiresScopes(", "@scopes(", StringComparison.Ordinal)
            .Replace("directive @requiresScopes", "directive @scopes", StringComparison.Ordinal);

        var supergraph = SupergraphSchema.Parse(sdl);

        Assert.Equal([[["pii"]]], supergraph.Type("User")!.Field("ssn")!.Access!.Scopes);
        Assert.DoesNotContain("@scopes", supergraph.ApiSchemaSdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_join_metadata_naming_an_unknown_graph_with_a_code()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("requires").Replace("@join__type(graph: SHIPPING, key: \"upc\")", "@join__type(graph: NOWHERE, key: \"upc\")", StringComparison.Ordinal);

        Assert.Equal(SupergraphException.InvalidJoinMetadata, Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl)).Code);
    }

    [Fact]
    public void Rejects_a_key_that_is_not_a_field_set_with_a_code()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("requires").Replace("key: \"upc\"", "key: \"upc {\"", StringComparison.Ordinal);

        Assert.Equal(SupergraphException.InvalidJoinMetadata, Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl)).Code);
    }

    [Fact]
    public void Rejects_a_supergraph_without_subgraphs_with_a_code()
    {
        var sdl = """
            schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION) { query: Query }
            type Query { a: Int }
            """;

        Assert.Equal(SupergraphException.InvalidJoinMetadata, Assert.Throws<SupergraphException>(() => SupergraphSchema.Parse(sdl)).Code);
    }
}
