using GraphQLParser;
using UCE.Gateway.Engine.Planning;
using UCE.Gateway.Engine.Tests.Supergraph;

namespace UCE.Gateway.Engine.Tests.Planning;

public sealed class QueryPlannerTests
{
    private static QueryPlan Plan(string fixture, string query, string? operationName = null) =>
        new QueryPlanner(SupergraphFixtures.Load(fixture)).Plan(Parser.Parse(query), operationName);

    private static List<FetchNode> Fetches(PlanNode? node) => node switch
    {
        null => [],
        FetchNode fetch => [fetch],
        FlattenNode flatten => Fetches(flatten.Node),
        SequenceNode sequence => sequence.Nodes.SelectMany(Fetches).ToList(),
        ParallelNode parallel => parallel.Nodes.SelectMany(Fetches).ToList(),
        ConditionNode condition => [.. Fetches(condition.IfTrue), .. Fetches(condition.IfFalse)],
        _ => [],
    };

    [Fact]
    public void Root_fields_of_different_subgraphs_are_fetched_in_parallel()
    {
        var plan = Plan("root-parallel", "{ me { name } recentOrders { item } }");

        var parallel = Assert.IsType<ParallelNode>(plan.Root);
        Assert.Equal(["accounts", "orders"], parallel.Nodes.Cast<FetchNode>().Select(f => f.Subgraph));
    }

    [Fact]
    public void Mutation_fields_run_one_after_another_in_document_order()
    {
        var plan = Plan("root-parallel", """mutation { a: rename(name: "x") { id } placeOrder(item: "i") { id } b: rename(name: "y") { id } }""");

        var sequence = Assert.IsType<SequenceNode>(plan.Root);
        var documents = sequence.Nodes.Cast<FetchNode>().Select(f => (f.Subgraph, f.Document)).ToList();
        Assert.Equal(
            [
                ("accounts", """mutation{a:rename(name:"x"){id}}"""),
                ("orders", """mutation{placeOrder(item:"i"){id}}"""),
                ("accounts", """mutation{b:rename(name:"y"){id}}"""),
            ],
            documents);
    }

    [Fact]
    public void Variables_are_forwarded_only_to_the_fetches_that_use_them()
    {
        var plan = Plan("operation-shapes", "query($first: Int, $stars: Int, $unused: String) { products(first: $first) { reviews(minStars: $stars) { stars } } }");

        var fetches = Fetches(plan.Root);
        Assert.Equal(["first"], fetches.Single(f => f.Subgraph == "catalog").VariableUsages);
        Assert.Equal(["stars"], fetches.Single(f => f.Subgraph == "reviews").VariableUsages);
        Assert.DoesNotContain(fetches, f => f.Document.Contains("$unused", StringComparison.Ordinal));
        Assert.Contains("($representations:[_Any!]!,$stars:Int)", fetches.Single(f => f.Subgraph == "reviews").Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_field_colliding_with_a_client_alias_is_aliased_and_read_from_its_alias()
    {
        var plan = Plan("operation-shapes", "{ products { upc: name reviews { stars } } }");

        var catalog = Fetches(plan.Root).Single(f => f.Subgraph == "catalog");
        var reviews = Fetches(plan.Root).Single(f => f.Subgraph == "reviews");
        Assert.Contains("upc:name", catalog.Document, StringComparison.Ordinal);
        Assert.Contains("__uce_upc:upc", catalog.Document, StringComparison.Ordinal);
        var fragment = Assert.IsType<InputFragment>(Assert.Single(reviews.Requires!));
        Assert.Contains(new InputField("upc", "__uce_upc", null), fragment.Selections);
    }

    [Fact]
    public void Interface_object_representations_carry_the_interface_name_through_a_rewrite()
    {
        var plan = Plan("interface-object", "{ devices { lastSeen } }");

        var telemetry = Fetches(plan.Root).Single(f => f.Subgraph == "telemetry");
        var rewrites = telemetry.InputRewrites.Cast<ValueSetter>().Select(r => (string.Join('/', r.Path), r.Value)).ToList();
        Assert.Contains(("... on Thermostat/__typename", "Device"), rewrites);
        Assert.Contains(("... on Charger/__typename", "Device"), rewrites);
        Assert.Contains("...on Device{lastSeen}", telemetry.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Typename_asked_of_an_interface_object_comes_from_the_subgraph_that_knows_the_implementations()
    {
        var plan = Plan("interface-object", "{ recentlyActive { __typename } }");

        var devices = Fetches(plan.Root).Single(f => f.Subgraph == "devices");
        Assert.Contains("...on Device{__typename}", devices.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_fields_are_fetched_before_the_field_that_requires_them()
    {
        var plan = Plan("requires-chain", "{ meters { cost } }");

        Assert.Equal(["meters", "usage", "billing"], Fetches(plan.Root).Select(f => f.Subgraph));
        Assert.IsType<SequenceNode>(plan.Root);
    }

    [Fact]
    public void Provided_fields_need_no_extra_fetch()
    {
        var plan = Plan("provides-list", "{ reviews { author { name } } }");

        Assert.Equal("reviews", Assert.Single(Fetches(plan.Root)).Subgraph);
    }

    [Fact]
    public void Root_typename_and_introspection_are_left_to_the_gateway()
    {
        Assert.Null(Plan("entity-jump", "{ __typename __schema { types { name } } __type(name: \"Customer\") { name } }").Root);
    }

    [Fact]
    public void Unknown_operation_name_is_rejected_with_a_code()
    {
        var error = Assert.Throws<QueryPlanningException>(() => Plan("entity-jump", "query A { customers { name } }", "B"));

        Assert.Equal(QueryPlanningException.UnknownOperation, error.Code);
    }

    [Fact]
    public void Field_no_subgraph_can_reach_is_rejected_with_a_code()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("entity-jump")
            .Replace("@join__type(graph: BILLING, key: \"id\")", "@join__type(graph: BILLING)", StringComparison.Ordinal);
        var planner = new QueryPlanner(Engine.Supergraph.SupergraphSchema.Parse(sdl));

        var error = Assert.Throws<QueryPlanningException>(() => planner.Plan(Parser.Parse("{ customers { balance } }"), null));

        Assert.Equal(QueryPlanningException.Unsatisfiable, error.Code);
    }

    [Fact]
    public void Interface_field_only_a_non_resolvable_interface_object_has_is_rejected_below_a_graph_without_implementations()
    {
        var error = Assert.Throws<QueryPlanningException>(() => Plan("interface-without-implementations", "{ primaryAsset { rating } }"));

        Assert.Equal(QueryPlanningException.Unsatisfiable, error.Code);
    }

    [Fact]
    public void External_key_field_is_not_read_from_a_subgraph_that_returns_the_object()
    {
        var error = Assert.Throws<QueryPlanningException>(() => Plan("external-key-fields", "{ installation(id: \"m1\") { id } }"));

        Assert.Equal(QueryPlanningException.Unsatisfiable, error.Code);
    }

    [Fact]
    public void Skip_and_include_stay_in_subgraph_operations_with_their_variables()
    {
        var plan = Plan("operation-shapes", "query($s: Boolean!) { products { name @skip(if: $s) reviews @include(if: $s) { stars } } }");

        var fetches = Fetches(plan.Root);
        Assert.All(fetches, f => Assert.Equal(["s"], f.VariableUsages));
        Assert.Contains("name@skip(if:$s)", fetches[0].Document, StringComparison.Ordinal);
        Assert.Contains("reviews@include(if:$s)", fetches[1].Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Subgraph_operation_names_replace_characters_a_graphql_name_cannot_hold()
    {
        var sdl = SupergraphFixtures.ReadSupergraph("entity-jump").Replace("name: \"billing\"", "name: \"billing-v2.eu\"", StringComparison.Ordinal);
        var planner = new QueryPlanner(Engine.Supergraph.SupergraphSchema.Parse(sdl));

        var plan = planner.Plan(Parser.Parse("query Home { customers { balance } }"), null);

        var billing = Fetches(plan.Root).Single(f => f.Subgraph == "billing-v2.eu");
        Assert.Equal("Home__billing_v2_eu__1", billing.OperationName);
        Assert.StartsWith("query Home__billing_v2_eu__1(", billing.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Plans_are_the_same_for_the_same_operation()
    {
        var first = QueryPlanPrinter.Print(Plan("customer-360", SupergraphFixtures.ReadQuery("customer-360", "customer-360")));
        var second = QueryPlanPrinter.Print(Plan("customer-360", SupergraphFixtures.ReadQuery("customer-360", "customer-360")));

        Assert.Equal(first, second);
    }
}
