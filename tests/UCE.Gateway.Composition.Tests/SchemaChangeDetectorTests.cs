using UCE.Gateway.Composition.Checking;

namespace UCE.Gateway.Composition.Tests;

public sealed class SchemaChangeDetectorTests
{
    private static IReadOnlyList<SchemaChange> Changes(string before, string after)
    {
        var old = SupergraphComposer.Compose([new SubgraphDefinition("a", "http://a", before)]);
        var now = SupergraphComposer.Compose([new SubgraphDefinition("a", "http://a", after)]);
        Assert.True(old.Succeeded && now.Succeeded, string.Join("\n", old.Errors.Concat(now.Errors)));
        return SchemaChangeDetector.Compare(ApiSchema.FromSupergraph(old.SupergraphSdl!), ApiSchema.FromSupergraph(now.SupergraphSdl!));
    }

    [Fact]
    public void Removed_field_is_breaking()
    {
        var change = Assert.Single(Changes("type Query { a: Int b: Int }", "type Query { a: Int }"));

        Assert.True(change.IsBreaking);
        Assert.Equal("FIELD_REMOVED", change.Code);
        Assert.Equal("Query.b", change.Coordinate);
    }

    [Fact]
    public void Added_nullable_field_is_safe()
    {
        var change = Assert.Single(Changes("type Query { a: Int }", "type Query { a: Int b: String }"));

        Assert.False(change.IsBreaking);
        Assert.Equal("FIELD_ADDED", change.Code);
    }

    [Fact]
    public void Removed_type_is_breaking()
    {
        var changes = Changes("type Query { a: Int t: T } type T { x: Int }", "type Query { a: Int }");

        Assert.Contains(changes, c => c.IsBreaking && c.Code == "TYPE_REMOVED" && c.Coordinate == "T");
    }

    [Fact]
    public void Output_nullability_loosened_is_breaking_and_tightened_is_safe()
    {
        var loosened = Assert.Single(Changes("type Query { a: Int! }", "type Query { a: Int }"));
        var tightened = Assert.Single(Changes("type Query { a: Int }", "type Query { a: Int! }"));

        Assert.True(loosened.IsBreaking);
        Assert.Equal("FIELD_NULLABILITY_LOOSENED", loosened.Code);
        Assert.False(tightened.IsBreaking);
    }

    [Fact]
    public void Field_type_changed_to_another_type_is_breaking()
    {
        var change = Assert.Single(Changes("type Query { a: Int }", "type Query { a: String }"));

        Assert.True(change.IsBreaking);
        Assert.Equal("FIELD_TYPE_CHANGED", change.Code);
    }

    [Fact]
    public void Required_argument_added_is_breaking_and_optional_one_is_safe()
    {
        var changes = Changes("type Query { a: Int }", "type Query { a(x: Int!, y: Int, z: Int! = 1): Int }");

        Assert.Contains(changes, c => c.IsBreaking && c.Code == "REQUIRED_ARGUMENT_ADDED" && c.Coordinate == "Query.a(x:)");
        Assert.Contains(changes, c => !c.IsBreaking && c.Coordinate == "Query.a(y:)");
        Assert.Contains(changes, c => !c.IsBreaking && c.Coordinate == "Query.a(z:)");
    }

    [Fact]
    public void Input_nullability_tightened_is_breaking_and_loosened_is_safe()
    {
        var tightened = Assert.Single(Changes("type Query { a(x: Int): Int }", "type Query { a(x: Int!): Int }"));
        var loosened = Assert.Single(Changes("type Query { a(x: Int!): Int }", "type Query { a(x: Int): Int }"));

        Assert.True(tightened.IsBreaking);
        Assert.Equal("ARGUMENT_NULLABILITY_TIGHTENED", tightened.Code);
        Assert.False(loosened.IsBreaking);
    }

    [Fact]
    public void Enum_value_removed_is_breaking_and_added_is_safe()
    {
        var removed = Assert.Single(Changes("enum E { A B } type Query { e: E }", "enum E { A } type Query { e: E }"));
        var added = Assert.Single(Changes("enum E { A } type Query { e: E }", "enum E { A B } type Query { e: E }"));

        Assert.True(removed.IsBreaking);
        Assert.Equal("ENUM_VALUE_REMOVED", removed.Code);
        Assert.False(added.IsBreaking);
    }

    [Fact]
    public void Required_input_field_added_is_breaking()
    {
        var change = Assert.Single(Changes("input F { a: Int } type Query { q(f: F): Int }", "input F { a: Int b: Int! } type Query { q(f: F): Int }"));

        Assert.True(change.IsBreaking);
        Assert.Equal("REQUIRED_INPUT_FIELD_ADDED", change.Code);
    }

    [Fact]
    public void Union_member_removed_is_breaking()
    {
        var changes = Changes("type A { x: Int } type B { y: Int } union U = A | B type Query { u: U }", "type A { x: Int } type B { y: Int } union U = A type Query { u: U b: B }");

        Assert.Contains(changes, c => c.IsBreaking && c.Code == "UNION_MEMBER_REMOVED" && c.Coordinate == "U.B");
    }

    [Fact]
    public void Inaccessible_field_is_not_part_of_the_api_schema()
    {
        const string Link = """extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@inaccessible"])""";

        var change = Assert.Single(Changes(Link + " type Query { a: Int b: Int }", Link + " type Query { a: Int b: Int @inaccessible }"));

        Assert.True(change.IsBreaking);
        Assert.Equal("Query.b", change.Coordinate);
    }
}
