using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Execution;

/// <summary>Planner and executor together over the Apollo-composed fixture supergraphs.</summary>
public sealed class FixtureExecutionTests
{
    internal static readonly Dictionary<string, string> EntityJumpData = new()
    {
        ["accounts"] = """
            { "Query": { "customers": [ { "id": "c1", "name": "Ada" }, { "id": "c2", "name": "Grace" }, { "id": "c1", "name": "Ada" } ],
                         "customer": { "id": "c2", "name": "Grace" } },
              "Customer": [ { "id": "c1", "name": "Ada" }, { "id": "c2", "name": "Grace" } ] }
            """,
        ["billing"] = """
            { "Customer": [ { "id": "c1", "balance": 12.5, "bills": [ { "id": "b1", "amount": 10.0 }, { "id": "b2", "amount": 2.5 } ] },
                            { "id": "c2", "balance": 0.0, "bills": [] } ] }
            """,
    };

    [Fact]
    public async Task Entity_jump_merges_billing_fields_into_every_customer_with_one_batched_request()
    {
        using var graph = new FixtureGraph("entity-jump", EntityJumpData);

        var response = await graph.RunAsync("{ __typename customers { __typename name balance bills { __typename id amount } } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"__typename":"Query","customers":[
              {"__typename":"Customer","name":"Ada","balance":12.5,"bills":[{"__typename":"Bill","id":"b1","amount":10},{"__typename":"Bill","id":"b2","amount":2.5}]},
              {"__typename":"Customer","name":"Grace","balance":0,"bills":[]},
              {"__typename":"Customer","name":"Ada","balance":12.5,"bills":[{"__typename":"Bill","id":"b1","amount":10},{"__typename":"Bill","id":"b2","amount":2.5}]}]}}
            """, response);
        var billing = Assert.Single(graph.Subgraphs.RequestsTo("billing"));
        Assert.Equal(2, billing.RepresentationCount);
    }

    [Fact]
    public async Task Entity_jump_with_argument_variable_and_introspection_in_one_operation()
    {
        using var graph = new FixtureGraph("entity-jump", EntityJumpData);

        var response = await graph.RunAsync(
            "query($id: ID!) { customer(id: $id) { name balance } __type(name: \"Bill\") { name } }",
            """{"id": "c2"}""");

        ResponseShapeTests.AssertJson("""{"data":{"customer":{"name":"Grace","balance":0},"__type":{"name":"Bill"}}}""", response);
    }

    [Fact]
    public async Task Requires_sends_the_required_fields_in_the_representations()
    {
        using var graph = new FixtureGraph(
            "requires",
            new Dictionary<string, string>
            {
                ["products"] = """{ "Query": { "products": [ { "upc": "1", "weight": 10, "price": 100 }, { "upc": "2", "weight": 3, "price": 7 } ] } }""",
            },
            new Dictionary<string, Func<IResolveFieldContext, object?>>
            {
                ["Product.shippingEstimate"] = context =>
                {
                    var product = (IDictionary<string, object?>)context.Source!;
                    return product.TryGetValue("weight", out var weight) && product.TryGetValue("price", out var price)
                        ? (int)weight! * (int)price! / 10
                        : null;
                },
            });

        var response = await graph.RunAsync("{ products { upc shippingEstimate } }");

        ResponseShapeTests.AssertJson("""{"data":{"products":[{"upc":"1","shippingEstimate":100},{"upc":"2","shippingEstimate":2}]}}""", response);
        var shipping = Assert.Single(graph.Subgraphs.RequestsTo("shipping"));
        Assert.Contains("\"weight\":10", shipping.Variables.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requirements_on_one_field_with_different_arguments_each_get_their_own_value()
    {
        using var graph = new FixtureGraph(
            "requires-argument-conflict",
            new Dictionary<string, string>
            {
                ["readings"] = """{ "Query": { "meters": [ { "id": "m1", "kwh": 120 }, { "id": "m2", "kwh": 30 } ] } }""",
            },
            new Dictionary<string, Func<IResolveFieldContext, object?>>
            {
                ["Meter.usage"] = context =>
                {
                    var kwh = (int)((IDictionary<string, object?>)context.Source!)["kwh"]!;
                    return context.GetArgument<string>("unit") == "KW" ? kwh / 10 : kwh;
                },
                ["Meter.energyCharge"] = context => (int)((IDictionary<string, object?>)context.Source!)["usage"]! * 2,
                ["Meter.demandCharge"] = context => (int)((IDictionary<string, object?>)context.Source!)["usage"]! * 5,
            });

        var response = await graph.RunAsync("{ meters { id energyCharge demandCharge } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"meters":[{"id":"m1","energyCharge":240,"demandCharge":60},{"id":"m2","energyCharge":60,"demandCharge":15}]}}
            """, response);
        Assert.Equal(2, graph.Subgraphs.RequestsTo("charges").Count);
    }

    private static readonly Dictionary<string, string> ParcelData = new()
    {
        ["depots"] = """
            { "Query": { "parcels": [ { "id": "p1", "label": "Boxes", "measurements": { "kg": 4, "lb": 8.8 } },
                                      { "id": "p2", "label": "Crate", "measurements": { "kg": 10, "lb": 22 } } ] } }
            """,
    };

    private static readonly Dictionary<string, Func<IResolveFieldContext, object?>> ParcelResolvers = new()
    {
        ["Measurements.mass"] = context =>
            ((IDictionary<string, object?>)context.Source!)[context.Arguments!["unit"].Value!.ToString()!.ToLowerInvariant()],
        ["Parcel.metricFee"] = context => RequiredMass(context) * 10,
        ["Parcel.imperialFee"] = context => RequiredMass(context) * 5,
    };

    private static double RequiredMass(IResolveFieldContext context)
    {
        var measurements = (IDictionary<string, object?>)((IDictionary<string, object?>)context.Source!)["measurements"]!;
        return Convert.ToDouble(measurements["mass"], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Nested_requirements_on_one_field_with_different_arguments_each_get_their_own_value()
    {
        using var graph = new FixtureGraph("requires-nested-argument-conflict", ParcelData, ParcelResolvers);

        var response = await graph.RunAsync("{ parcels { id metricFee imperialFee } }");

        // metricFee reads the mass in KG (4, 10), imperialFee the mass in LB (8.8, 22).
        ResponseShapeTests.AssertJson("""
            {"data":{"parcels":[{"id":"p1","metricFee":40,"imperialFee":44},{"id":"p2","metricFee":100,"imperialFee":110}]}}
            """, response);
        Assert.Single(graph.Subgraphs.RequestsTo("depots"));
        Assert.Equal(2, graph.Subgraphs.RequestsTo("tariffs").Count);
    }

    [Theory]
    [InlineData("{ parcels { label measurements { mass(unit: LB) } metricFee } }")]
    [InlineData("{ parcels { metricFee measurements { mass(unit: LB) } label } }")]
    public async Task Nested_requirement_and_the_client_selecting_the_same_field_with_other_arguments_each_get_their_own_value(string query)
    {
        using var graph = new FixtureGraph("requires-nested-argument-conflict", ParcelData, ParcelResolvers);

        var response = await graph.RunAsync(query);

        var parcels = response["data"]!["parcels"]!.AsArray();
        Assert.Equal("Boxes", (string?)parcels[0]!["label"]);
        Assert.Equal(8.8, (double)parcels[0]!["measurements"]!["mass"]!);
        Assert.Equal(40, (double)parcels[0]!["metricFee"]!);
        Assert.Equal(22, (double)parcels[1]!["measurements"]!["mass"]!);
        Assert.Equal(100, (double)parcels[1]!["metricFee"]!);
        Assert.Single(graph.Subgraphs.RequestsTo("tariffs"));
    }

    [Fact]
    public async Task Value_type_keyed_elsewhere_is_fetched_again_from_a_subgraph_that_has_its_key()
    {
        using var graph = new FixtureGraph("value-type-entity-elsewhere", new Dictionary<string, string>
        {
            ["catalog"] = """{ "Query": { "tariff": { "id": "t1", "name": "Night saver" } }, "Tariff": [ { "id": "t1", "name": "Night saver" } ] }""",
            ["notes"] = """{ "Tariff": [ { "id": "t1", "zone": { "notes": "Coastal" } } ] }""",
            ["zoning"] = """{ "Tariff": [ { "id": "t1", "zone": { "id": "z9" } } ] }""",
            ["zones"] = """{ "Zone": [ { "id": "z9", "name": "Zone 9" } ] }""",
        });

        var response = await graph.RunAsync("{ tariff(id: \"t1\") { id name zone { id name notes } } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"tariff":{"id":"t1","name":"Night saver","zone":{"id":"z9","name":"Zone 9","notes":"Coastal"}}}}
            """, response);
    }

    [Fact]
    public async Task Fragments_on_an_interface_with_implementations_in_different_subgraphs()
    {
        using var graph = new FixtureGraph("interface-implementations", new Dictionary<string, string>
        {
            ["content"] = """
                { "Query": { "feed": [ { "__typename": "Article", "id": "a1", "headline": "Storm" }, { "__typename": "Video", "id": "v1", "url": "http://v" } ] } }
                """,
            ["stats"] = """{ "Article": [ { "id": "a1", "views": 42 } ] }""",
        });

        var response = await graph.RunAsync("""
            { feed { __typename id ... on Article { headline views } ...V } }
            fragment V on Video { url }
            """);

        ResponseShapeTests.AssertJson("""
            {"data":{"feed":[{"__typename":"Article","id":"a1","headline":"Storm","views":42},{"__typename":"Video","id":"v1","url":"http://v"}]}}
            """, response);
    }
}

/// <summary>Fixture supergraphs with abstract types, <c>@interfaceObject</c>, <c>@provides</c>, <c>@override</c> and partial enums.</summary>
public sealed class FixtureAbstractTypeExecutionTests
{
    internal static readonly Dictionary<string, string> DeviceData = new()
    {
        ["devices"] = """
            { "Query": { "devices": [ { "__typename": "Thermostat", "id": "t1", "serial": "S-T1", "setpoint": 20.5 },
                                      { "__typename": "Charger", "id": "c1", "serial": "S-C1", "kw": 11.0 } ] },
              "Thermostat": [ { "id": "t1", "serial": "S-T1", "setpoint": 20.5 } ],
              "Charger": [ { "id": "c1", "serial": "S-C1", "kw": 11.0 } ],
              "Device": [ { "__typename": "Thermostat", "id": "t1", "serial": "S-T1", "setpoint": 20.5 },
                          { "__typename": "Charger", "id": "c1", "serial": "S-C1", "kw": 11.0 } ] }
            """,
        ["telemetry"] = """
            { "Query": { "recentlyActive": [ { "id": "c1", "lastSeen": "10:00", "battery": 80 } ] },
              "Device": [ { "id": "t1", "lastSeen": "09:00", "battery": 15 }, { "id": "c1", "lastSeen": "10:00", "battery": 80 } ] }
            """,
    };

    internal static readonly Dictionary<string, Func<IResolveFieldContext, object?>> WarrantyResolvers = new()
    {
        ["Device.warrantyRisk"] = context =>
            ((IDictionary<string, object?>)context.Source!).TryGetValue("battery", out var battery) && battery is int level
                ? (level < 20 ? "high" : "low")
                : null,
    };

    [Fact]
    public async Task Interface_object_fields_merge_into_concrete_objects_that_keep_their_type()
    {
        using var graph = new FixtureGraph("interface-object", DeviceData, WarrantyResolvers);

        var response = await graph.RunAsync("query Devices { devices { __typename serial lastSeen ... on Thermostat { setpoint } } }");

        ResponseShapeTests.AssertJson("""
            {"data":{"devices":[{"__typename":"Thermostat","serial":"S-T1","lastSeen":"09:00","setpoint":20.5},{"__typename":"Charger","serial":"S-C1","lastSeen":"10:00"}]}}
            """, response);
        var telemetry = Assert.Single(graph.Subgraphs.RequestsTo("telemetry"));
        Assert.Contains("\"__typename\":\"Device\"", telemetry.Variables.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interface_object_root_learns_its_concrete_type_from_the_owning_subgraph()
    {
        using var graph = new FixtureGraph("interface-object", DeviceData, WarrantyResolvers);

        var response = await graph.RunAsync("{ recentlyActive { __typename lastSeen serial ... on Charger { kw } } }");

        ResponseShapeTests.AssertJson("""{"data":{"recentlyActive":[{"__typename":"Charger","lastSeen":"10:00","serial":"S-C1","kw":11}]}}""", response);
    }

    [Fact]
    public async Task Interface_object_with_requires_chains_three_subgraphs()
    {
        using var graph = new FixtureGraph("interface-object", DeviceData, WarrantyResolvers);

        var response = await graph.RunAsync("{ devices { id warrantyRisk } }");

        ResponseShapeTests.AssertJson("""{"data":{"devices":[{"id":"t1","warrantyRisk":"high"},{"id":"c1","warrantyRisk":"low"}]}}""", response);
    }

    [Fact]
    public async Task Interface_object_root_asking_only_interface_fields_is_answered_without_its_concrete_type()
    {
        using var graph = new FixtureGraph("interface-object", DeviceData, WarrantyResolvers);

        var response = await graph.RunAsync("{ recentlyActive { id lastSeen battery } }");

        ResponseShapeTests.AssertJson("""{"data":{"recentlyActive":[{"id":"c1","lastSeen":"10:00","battery":80}]}}""", response);
        Assert.Empty(graph.Subgraphs.RequestsTo("devices"));
    }

    [Fact]
    public async Task Interface_fragment_reaches_a_union_member_that_implements_the_interface_only_in_another_subgraph()
    {
        using var graph = new FixtureGraph("interface-member-in-some-graphs", new Dictionary<string, string>
        {
            ["catalog"] = """
                { "Query": { "equipment": [ { "__typename": "Pump", "tag": "P-1" }, { "__typename": "Valve", "tag": "V-1", "pressure": 3 },
                                            { "__typename": "Pump", "tag": "P-2" } ] } }
                """,
            ["maintenance"] = """{ "Pump": [ { "tag": "P-1", "lastServiced": "May" }, { "tag": "P-2", "lastServiced": "June" } ] }""",
        });

        var response = await graph.RunAsync("{ equipment { ... on Tagged { tag } } }");

        ResponseShapeTests.AssertJson("""{"data":{"equipment":[{"tag":"P-1"},{"tag":"V-1"},{"tag":"P-2"}]}}""", response);
    }

    [Fact]
    public async Task Shared_field_declared_with_one_union_member_gets_only_that_members_fragments()
    {
        using var graph = new FixtureGraph("shared-field-member-type", new Dictionary<string, string>
        {
            ["assets"] = """{ "Query": { "site": { "primary": { "id": "m1", "label": "Main meter" } } } }""",
            ["grid"] = """{ "Query": { "site": { "primary": { "__typename": "Feeder", "id": "f1", "label": "Feeder 7" } } } }""",
        });

        var response = await graph.RunAsync(
            "{ site { primary { __typename ... on Meter { label } ... on Transformer { label } ... on Feeder { label } } } }");

        ResponseShapeTests.AssertJson("""{"data":{"site":{"primary":{"__typename":"Meter","label":"Main meter"}}}}""", response);
    }

    [Fact]
    public async Task Shared_union_field_selects_only_members_every_resolving_subgraph_has()
    {
        using var graph = new FixtureGraph("shared-union-intersection", new Dictionary<string, string>
        {
            ["outages"] = """
                { "Query": { "region": { "id": "r1", "board": { "items": [ { "__typename": "Alert", "text": "Storm warning" },
                                                                            { "__typename": "OutageNotice", "cause": "ice" } ] } } } }
                """,
            ["crews"] = """
                { "Region": [ { "id": "r1", "crewBoard": { "items": [ { "__typename": "Alert", "text": "Road closed" },
                                                                       { "__typename": "CrewNotice", "crew": "North" } ] } } ] }
                """,
        });

        var shared = await graph.RunAsync("{ region { board { items { __typename ... on Alert { text } ... on OutageNotice { cause } ... on CrewNotice { crew } } } } }");
        var own = await graph.RunAsync("{ region { crewBoard { items { __typename ... on Alert { text } ... on OutageNotice { cause } ... on CrewNotice { crew } } } } }");

        // A member only one of the subgraphs resolving the shared field has is not selected, as in Apollo's planner.
        ResponseShapeTests.AssertJson("""
            {"data":{"region":{"board":{"items":[{"__typename":"Alert","text":"Storm warning"},{"__typename":"OutageNotice","cause":null}]}}}}
            """, shared);
        ResponseShapeTests.AssertJson("""
            {"data":{"region":{"crewBoard":{"items":[{"__typename":"Alert","text":"Road closed"},{"__typename":"CrewNotice","crew":"North"}]}}}}
            """, own);
    }

    [Fact]
    public async Task Union_members_living_in_some_subgraphs_only_are_completed_per_member()
    {
        using var graph = new FixtureGraph("union-partial-members", new Dictionary<string, string>
        {
            ["search"] = """
                { "Query": { "search": [ { "__typename": "Customer", "id": "c1", "name": "Ada" }, { "__typename": "Outage", "id": "o1", "cause": "storm" } ] },
                  "Outage": [ { "id": "o1", "cause": "storm" }, { "id": "o2", "cause": "tree" } ] }
                """,
            ["notices"] = """
                { "Query": { "notices": [ { "__typename": "Notice", "text": "Planned work" }, { "__typename": "Outage", "id": "o2", "eta": "18:00" } ] },
                  "Outage": [ { "id": "o1", "eta": "17:00" }, { "id": "o2", "eta": "18:00" } ] }
                """,
        });

        var response = await graph.RunAsync(
            "query Search($term: String!) { search(term: $term) { __typename ... on Customer { name } ... on Outage { cause eta } ... on Notice { text } } notices { ... on Outage { cause } ... on Notice { text } } }",
            """{"term": "x"}""");

        ResponseShapeTests.AssertJson("""
            {"data":{"search":[{"__typename":"Customer","name":"Ada"},{"__typename":"Outage","cause":"storm","eta":"17:00"}],
                     "notices":[{"text":"Planned work"},{"cause":"tree"}]}}
            """, response);
    }

    [Fact]
    public async Task Enum_value_only_one_subgraph_defines_is_served_because_composition_kept_it()
    {
        using var graph = new FixtureGraph("enum-partial-values", new Dictionary<string, string>
        {
            ["outages"] = """{ "Query": { "outages": [ { "id": "o1", "status": "OPEN" }, { "id": "o2", "status": "CLOSED" } ] } }""",
            ["crews"] = """{ "Outage": [ { "id": "o1", "crewStatus": "DISPATCHED" }, { "id": "o2", "crewStatus": "CLOSED" } ] }""",
        });

        var response = await graph.RunAsync("{ outages { status crewStatus } }");

        ResponseShapeTests.AssertJson("""{"data":{"outages":[{"status":"OPEN","crewStatus":"DISPATCHED"},{"status":"CLOSED","crewStatus":"CLOSED"}]}}""", response);
    }

    [Fact]
    public async Task Provided_field_needs_no_fetch_and_the_rest_comes_from_its_owner()
    {
        using var graph = new FixtureGraph("provides-list", new Dictionary<string, string>
        {
            ["reviews"] = """{ "Query": { "reviews": [ { "id": "r1", "author": { "id": "u1", "name": "Ada (provided)" } } ] } }""",
            ["accounts"] = """{ "User": [ { "id": "u1", "name": "Ada", "email": "ada@example.com" } ] }""",
        });

        var response = await graph.RunAsync("{ reviews { author { name email } } }");

        ResponseShapeTests.AssertJson("""{"data":{"reviews":[{"author":{"name":"Ada (provided)","email":"ada@example.com"}}]}}""", response);
    }

    [Fact]
    public async Task Overridden_field_is_read_from_the_subgraph_that_took_it_over()
    {
        using var graph = new FixtureGraph("override", new Dictionary<string, string>
        {
            ["legacy"] = """{ "Query": { "bills": [ { "id": "b1", "dueDate": "2026-12-01", "total": 1.0 } ] } }""",
            ["billing"] = """{ "Bill": [ { "id": "b1", "total": 99.5 } ] }""",
        });

        var response = await graph.RunAsync("{ bills { dueDate total } }");

        ResponseShapeTests.AssertJson("""{"data":{"bills":[{"dueDate":"2026-12-01","total":99.5}]}}""", response);
    }
}

/// <summary>Fixture operations that stress response shaping: aliases over keys, the same field with different arguments, skip/include.</summary>
public sealed class FixtureOperationShapeTests
{
    internal static readonly Dictionary<string, string> CatalogData = new()
    {
        ["catalog"] = """
            { "Query": { "products": [ { "upc": "1", "name": "Lamp", "price": 10.0, "related": [ { "upc": "2", "name": "Bulb", "price": 2.0, "related": [] } ] },
                                       { "upc": "2", "name": "Bulb", "price": 2.0, "related": [] } ],
                         "product": { "upc": "1", "name": "Lamp", "price": 10.0, "related": [] } } }
            """,
        ["reviews"] = """
            { "Product": [ { "upc": "1", "reviews": [ { "stars": 5, "body": "Bright and warm light", "author": "ada" }, { "stars": 2, "body": "Flickers", "author": "bob" } ] },
                           { "upc": "2", "reviews": [ { "stars": 4, "body": "Fine", "author": "cy" } ] } ] }
            """,
    };

    internal static readonly Dictionary<string, Func<IResolveFieldContext, object?>> CatalogResolvers = new()
    {
        ["Product.price"] = context =>
        {
            var price = Convert.ToDouble(((IDictionary<string, object?>)context.Source!)["price"], System.Globalization.CultureInfo.InvariantCulture);
            return context.GetArgument<string>("currency") == "EUR" ? price * 0.5 : price;
        },
        ["Product.reviews"] = context =>
        {
            var reviews = (List<object?>)((IDictionary<string, object?>)context.Source!)["reviews"]!;
            var min = context.GetArgument<int?>("minStars") ?? 0;
            return reviews.Where(r => (int)((IDictionary<string, object?>)r!)["stars"]! >= min).ToList();
        },
        ["Review.body"] = context =>
        {
            var body = (string)((IDictionary<string, object?>)context.Source!)["body"]!;
            var truncate = context.GetArgument<int?>("truncate");
            return truncate is { } length && body.Length > length ? body[..length] : body;
        },
    };

    [Fact]
    public async Task Client_alias_named_like_a_key_does_not_clash_with_the_key_the_planner_needs()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData, CatalogResolvers);

        var response = await graph.RunAsync("{ products { upc: name reviews { stars } } }");

        ResponseShapeTests.AssertJson("""{"data":{"products":[{"upc":"Lamp","reviews":[{"stars":5},{"stars":2}]},{"upc":"Bulb","reviews":[{"stars":4}]}]}}""", response);
    }

    [Fact]
    public async Task Same_field_aliased_twice_with_different_arguments_keeps_both_values()
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData, CatalogResolvers);

        var response = await graph.RunAsync(
            "query Prices($upc: String!) { product(upc: $upc) { usd: price(currency: \"USD\") eur: price(currency: \"EUR\") good: reviews(minStars: 4) { stars } bad: reviews(minStars: 1) { short: body(truncate: 10) full: body } } }",
            """{"upc": "1"}""");

        ResponseShapeTests.AssertJson("""
            {"data":{"product":{"usd":10,"eur":5,"good":[{"stars":5}],"bad":[{"short":"Bright and","full":"Bright and warm light"},{"short":"Flickers","full":"Flickers"}]}}}
            """, response);
    }

    [Theory]
    [InlineData(true, false, """{"data":{"products":[{"name":"Lamp","price":10,"reviews":[{"stars":5}],"related":[{"name":"Bulb","reviews":[{"body":"Fine"}]}]},{"name":"Bulb","price":2,"reviews":[{"stars":4}],"related":[]}]}}""")]
    [InlineData(false, true, """{"data":{"products":[{"name":"Lamp"},{"name":"Bulb"}]}}""")]
    public async Task Skip_and_include_with_variables_shape_the_response_and_the_fetches(bool withReviews, bool noPrice, string expected)
    {
        using var graph = new FixtureGraph("operation-shapes", CatalogData, CatalogResolvers);

        var response = await graph.RunAsync("""
            query Conditional($withReviews: Boolean!, $noPrice: Boolean!, $stars: Int) {
              products {
                name
                price @skip(if: $noPrice)
                reviews(minStars: $stars) @include(if: $withReviews) { stars }
                ... @include(if: $withReviews) { related { name reviews { body } } }
              }
            }
            """, $$"""{"withReviews": {{(withReviews ? "true" : "false")}}, "noPrice": {{(noPrice ? "true" : "false")}}, "stars": 4}""");

        ResponseShapeTests.AssertJson(expected, response);
    }
}

/// <summary>Entities keyed by composite keys with a nested entity, and custom scalars across subgraphs.</summary>
public sealed class FixtureKeyExecutionTests
{
    [Fact]
    public async Task Composite_key_with_a_nested_entity_matches_on_every_key_field()
    {
        using var graph = new FixtureGraph("nested-keys", new Dictionary<string, string>
        {
            ["users"] = """{ "Query": { "users": [ { "id": "u1", "org": { "id": "o1" }, "name": "Ada" }, { "id": "u3", "org": { "id": "o1" }, "name": "Cy" } ] } }""",
            ["profiles"] = """
                { "User": [ { "id": "u1", "org": { "id": "o1", "title": "Acme" }, "bio": "Engineer" }, { "id": "u3", "org": { "id": "o2", "title": "Initech" }, "bio": "Other org" } ],
                  "Organization": [ { "id": "o1", "title": "Acme" } ] }
                """,
        });

        var response = await graph.RunAsync("{ users { name bio } }");

        // u3 exists in profiles only under another organization: the composite key does not match, so no bio.
        ResponseShapeTests.AssertJson("""{"data":{"users":[{"name":"Ada","bio":"Engineer"},{"name":"Cy","bio":null}]}}""", response);
        var profiles = Assert.Single(graph.Subgraphs.RequestsTo("profiles"));
        Assert.Contains("\"org\":{\"id\":\"o1\"}", profiles.Variables.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_scalar_values_pass_through_from_the_subgraph()
    {
        using var graph = new FixtureGraph("inaccessible", new Dictionary<string, string>
        {
            ["accounts"] = """{ "Query": { "account": { "id": "1", "name": "Ada", "kind": "RESIDENTIAL" } } }""",
            ["billing"] = """{ "Account": [ { "id": "1", "balance": 1250 } ] }""",
        });

        var response = await graph.RunAsync("{ account(id: \"1\") { name balance kind } }");

        ResponseShapeTests.AssertJson("""{"data":{"account":{"name":"Ada","balance":1250,"kind":"RESIDENTIAL"}}}""", response);
    }
}
