namespace UCE.Gateway.Composition.Tests;

public sealed class CompositionErrorTests
{
    private const string Federation2 = """extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires"])""";

    [Fact]
    public void Syntax_error_is_reported_as_invalid_graphql_with_subgraph_and_location()
    {
        var result = SupergraphComposer.Compose([new SubgraphDefinition("accounts", "http://accounts", "type Query {\n  broken(: String\n}")]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_GRAPHQL", error.Code);
        Assert.Equal("accounts", error.Subgraph);
        Assert.Equal(new SourceLocation(2, 10), error.Location);
    }

    [Fact]
    public void Every_error_of_every_subgraph_is_returned_not_only_the_first()
    {
        var result = SupergraphComposer.Compose(
        [
            new SubgraphDefinition("a", "http://a", Federation2 + "\ntype Product @key(fields: \"sku\") { id: ID! }\ntype Query { p: Product }"),
            new SubgraphDefinition("b", "http://b", Federation2 + "\ntype Item @key(fields: \"id\") { id: ID! cost: Int @requires(fields: \"id\") }\ntype Query { i: Item }"),
        ]);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "KEY_INVALID_FIELDS" && e.Subgraph == "a");
        Assert.Contains(result.Errors, e => e.Code == "REQUIRES_FIELDS_MISSING_EXTERNAL" && e.Subgraph == "b");
    }

    [Fact]
    public void Field_error_points_at_the_field_definition()
    {
        var sdl = Federation2 + "\ntype Product @key(fields: \"id\") {\n  id: ID!\n  weight: Int\n  cost: Int @requires(fields: \"weight\")\n}\ntype Query { p: Product }";

        var result = SupergraphComposer.Compose([new SubgraphDefinition("a", "http://a", sdl)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("REQUIRES_FIELDS_MISSING_EXTERNAL", error.Code);
        Assert.Equal(new SourceLocation(5, 3), error.Location);
    }

    [Fact]
    public void Satisfiability_error_names_the_unreachable_path()
    {
        var result = SupergraphComposer.Compose(
        [
            new SubgraphDefinition("a", "http://a", Federation2 + "\ntype Address @shareable { street: String }\ntype Query { home: Address }"),
            new SubgraphDefinition("b", "http://b", Federation2 + "\ntype Address @shareable { street: String zip: String }\ntype Query { work: Address }"),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("SATISFIABILITY_ERROR", error.Code);
        Assert.Contains("home {\n    zip\n  }", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot find field \"Address.zip\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_subgraph_names_are_rejected()
    {
        var result = SupergraphComposer.Compose(
        [
            new SubgraphDefinition("a", "http://a", "type Query { x: Int }"),
            new SubgraphDefinition("a", "http://a2", "type Query { y: Int }"),
        ]);

        Assert.Equal("INVALID_SUBGRAPH_NAME", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void A_context_read_by_a_field_of_the_type_that_sets_it_is_not_satisfiable()
    {
        // As in Apollo, a context is set for the fields below the type that sets it, not for the type's own fields.
        const string Sdl = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@context", "@fromContext"])
            type User @key(fields: "id") @context(name: "userContext") {
              id: ID!
              locale: String
              greeting(locale: String @fromContext(field: "$userContext { locale }")): String
            }
            type Query { me: User }
            """;

        var result = SupergraphComposer.Compose([new SubgraphDefinition("users", "http://users", Sdl)]);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("SATISFIABILITY_ERROR", error.Code);
        Assert.Contains("greeting", error.Message, StringComparison.Ordinal);
    }
}
