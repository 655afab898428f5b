using System.Text.Json.Nodes;
using UCE.Gateway.Engine.Authorization;
using UCE.Gateway.Engine.Tests.Execution;

namespace UCE.Gateway.Engine.Tests.Authorization;

/// <summary>
/// <c>@authenticated</c>, <c>@requiresScopes</c> and <c>@policy</c> enforced before planning, with Apollo Router's
/// semantics: unauthorized selections are removed, <c>null</c> is written in their place and each gets an error.
/// </summary>
public sealed class AuthorizationFilterTests
{
    private const string Unauthorized = "\"message\":\"Unauthorized field or type\"";

    [Fact]
    public async Task Anonymous_caller_gets_null_and_an_error_for_an_authenticated_field_and_the_rest_of_the_data()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ publicInfo me { name } }", caller: AuthorizationGraph.Anonymous);

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["me"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"publicInfo":"hello","me":null}}""",
            response);
    }

    [Fact]
    public async Task Request_without_caller_is_treated_as_anonymous()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ publicInfo me { name } }");

        Assert.Equal("""{"publicInfo":"hello","me":null}""", response["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Authenticated_caller_reads_the_authenticated_field_without_errors()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ publicInfo me { name } }", caller: AuthorizationGraph.Caller());

        ResponseShapeTests.AssertJson("""{"data":{"publicInfo":"hello","me":{"name":"Ada"}}}""", response);
    }

    [Theory]
    [InlineData(new[] { "user:read", "email:read" }, true)]
    [InlineData(new[] { "admin" }, true)]
    [InlineData(new[] { "user:read" }, false)]
    [InlineData(new[] { "email:read", "other" }, false)]
    [InlineData(new string[0], false)]
    public async Task Scopes_are_sets_of_all_required_scopes_of_which_one_set_suffices(string[] scopes, bool allowed)
    {
        using var graph = AuthorizationGraph.Start();

        // email: @requiresScopes(scopes: [["user:read", "email:read"], ["admin"]])
        var response = await graph.RunAsync("{ users { name email } }", caller: AuthorizationGraph.Caller("customer", scopes));

        var first = response["data"]!["users"]![0]!;
        Assert.Equal(allowed ? "ada@example.org" : null, first["email"]?.GetValue<string>());
        Assert.Equal("Ada", first["name"]!.GetValue<string>());
        Assert.Equal(allowed ? 0 : 1, (response["errors"] as JsonArray)?.Count ?? 0);
        if (!allowed)
        {
            Assert.Equal("""["users","@","email"]""", response["errors"]![0]!["path"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task Removed_non_null_field_nulls_its_nearest_nullable_parent()
    {
        using var graph = AuthorizationGraph.Start();

        // ssn: String! in User!, in [User!]!: the null reaches data itself.
        var nullable = await graph.RunAsync("{ me { name ssn } }", caller: AuthorizationGraph.Caller());
        var toData = await graph.RunAsync("{ publicInfo users { name ssn } }", caller: AuthorizationGraph.Caller());

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["me","ssn"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"me":null}}""",
            nullable);
        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["users","@","ssn"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":null}""",
            toData);
    }

    [Fact]
    public async Task Nested_non_null_policy_field_nulls_the_non_null_parent_up_to_the_nullable_field()
    {
        using var graph = AuthorizationGraph.Start();

        // salary: Int! in profile: Profile!, in me: User (nullable).
        var response = await graph.RunAsync("{ me { name profile { bio salary } } }", caller: AuthorizationGraph.Caller());

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["me","profile","salary"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"me":null}}""",
            response);
    }

    [Theory]
    [InlineData("hr", new string[0], true)]
    [InlineData("HR", new string[0], true)]
    [InlineData("customer", new string[0], false)]
    public async Task Role_policies_hold_for_callers_of_that_role_by_default(string role, string[] scopes, bool allowed)
    {
        using var graph = AuthorizationGraph.Start();

        // salary: @policy(policies: [["role:hr"], ["payroll"]]); "payroll" is unknown to the default evaluator.
        var response = await graph.RunAsync("{ me { name profile { salary } } }", caller: AuthorizationGraph.Caller(role, scopes));

        // Denied, profile has nothing left and is left out; it is non-null, so me becomes null.
        Assert.Equal(allowed ? """{"me":{"name":"Ada","profile":{"salary":100}}}""" : """{"me":null}""", response["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Host_policy_evaluator_decides_other_policies_once_per_request()
    {
        var calls = new List<string>();
        using var graph = AuthorizationGraph.Start(new GatewayOptions
        {
            PolicyEvaluator = new DelegatePolicyEvaluator((policy, caller) =>
            {
                lock (calls)
                {
                    calls.Add(policy);
                }

                return policy == "payroll" && caller.Scopes.Contains("payroll-team");
            }),
        });

        var allowed = await graph.RunAsync("{ users { profile { salary } } }", caller: AuthorizationGraph.Caller("customer", "payroll-team"));
        var denied = await graph.RunAsync("{ users { profile { salary } } }", caller: AuthorizationGraph.Caller("customer"));

        Assert.Equal("""{"users":[{"profile":{"salary":100}},{"profile":{"salary":200}}]}""", allowed["data"]!.ToJsonString());
        Assert.Null(denied["data"]);
        Assert.Equal(["role:hr", "payroll", "role:hr", "payroll"], calls);
    }

    [Fact]
    public async Task Rule_on_a_scalar_or_enum_type_applies_to_every_field_returning_it()
    {
        using var graph = AuthorizationGraph.Start();

        var anonymous = await graph.RunAsync("{ secretCode level publicInfo }", caller: AuthorizationGraph.Anonymous);
        var entitled = await graph.RunAsync("{ secretCode level publicInfo }", caller: AuthorizationGraph.Caller("customer", "secrets"));

        Assert.Equal("""{"secretCode":null,"level":null,"publicInfo":"hello"}""", anonymous["data"]!.ToJsonString());
        Assert.Equal("""[["secretCode"],["level"]]""", Paths(anonymous));
        Assert.Equal("""{"secretCode":"s3cr3t","level":"HIGH","publicInfo":"hello"}""", entitled["data"]!.ToJsonString());
        Assert.Null(entitled["errors"]);
    }

    [Fact]
    public async Task Field_returning_an_interface_needs_what_any_implementation_needs()
    {
        using var graph = AuthorizationGraph.Start();

        // Invoice @requiresScopes(["billing"]) makes Node (and every field returning it) ask for "billing".
        var withoutBilling = await graph.RunAsync("{ publicInfo node(id: \"u1\") { id } }", caller: AuthorizationGraph.Caller("customer", "labels"));
        var withBilling = await graph.RunAsync("{ publicInfo node(id: \"u1\") { id } }", caller: AuthorizationGraph.Caller("customer", "billing"));

        Assert.Equal("""{"publicInfo":"hello","node":null}""", withoutBilling["data"]!.ToJsonString());
        Assert.Equal("""[["node"]]""", Paths(withoutBilling));
        Assert.Equal("""{"publicInfo":"hello","node":{"id":"u1"}}""", withBilling["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Interface_field_is_removed_when_one_implementation_protects_it_and_allowed_through_a_fragment_on_another()
    {
        using var graph = AuthorizationGraph.Start();

        // User.label needs "labels", Invoice.label nothing: Node.label needs "labels".
        var response = await graph.RunAsync(
            "{ node(id: \"u1\") { id label ... on Invoice { label } } }",
            caller: AuthorizationGraph.Caller("customer", "billing"));

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["node","label"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"node":{"id":"u1","label":null}}}""",
            response);
    }

    [Fact]
    public async Task Union_fragment_on_a_protected_member_is_removed_and_the_other_members_stay()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync(
            "{ search { __typename ... on User { name } ... on Invoice { total } } }",
            caller: AuthorizationGraph.Caller("customer"));

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["search","@","... on Invoice"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":{"search":[{"__typename":"User","name":"Grace"},{"__typename":"Invoice","total":null}]}}""",
            response);
    }

    [Fact]
    public async Task Named_fragment_on_a_protected_type_is_removed_at_each_spread()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync(
            "query Search { again: search { ...Bill ... on User { id } } more: search { __typename ...Bill } } fragment Bill on Invoice { total }",
            caller: AuthorizationGraph.Caller("customer"));

        Assert.Equal("""[["again","@","... on Invoice"],["more","@","... on Invoice"]]""", Paths(response));
        Assert.Equal("""{"again":[{"id":"u2"},{"total":null}],"more":[{"__typename":"User"},{"__typename":"Invoice","total":null}]}""", response["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Aliases_are_reported_under_their_response_names()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync(
            "{ first: users { name mail: email } me2: me { name } publicInfo }",
            caller: AuthorizationGraph.Anonymous);

        Assert.Equal("""[["first","@","mail"],["me2"]]""", Paths(response));
        Assert.Equal("""{"first":[{"name":"Ada","mail":null},{"name":"Grace","mail":null}],"me2":null,"publicInfo":"hello"}""", response["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Field_whose_requires_reads_a_protected_field_is_protected_too()
    {
        // Apollo composition makes the @requires field repeat the rule; a supergraph without it is still safe here.
        using var graph = AuthorizationGraph.Start(editSupergraph: sdl => sdl.Replace(
            "emailDomain: String @join__field(graph: ORDERS, requires: \"email\") @requiresScopes(scopes: [[\"user:read\", \"email:read\"], [\"admin\"]])",
            "emailDomain: String @join__field(graph: ORDERS, requires: \"email\")",
            StringComparison.Ordinal));
        Assert.Null(graph.Supergraph.Type("User")!.Field("emailDomain")!.Access);

        var denied = await graph.RunAsync("{ users { id emailDomain } }", caller: AuthorizationGraph.Caller("customer"));
        var allowed = await graph.RunAsync("{ users { id emailDomain } }", caller: AuthorizationGraph.Caller("customer", "admin"));

        Assert.Equal("""{"users":[{"id":"u1","emailDomain":null},{"id":"u2","emailDomain":null}]}""", denied["data"]!.ToJsonString());
        Assert.Equal("""[["users","@","emailDomain"]]""", Paths(denied));
        Assert.Single(graph.Subgraphs.RequestsTo("orders"));
        Assert.Equal("""{"users":[{"id":"u1","emailDomain":"example.org"},{"id":"u2","emailDomain":"navy.mil"}]}""", allowed["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Operation_with_nothing_left_answers_data_null_and_the_errors_without_calling_a_subgraph()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ me { name } adminNote }", caller: AuthorizationGraph.Anonymous);

        ResponseShapeTests.AssertJson(
            """{"errors":[{"message":"Unauthorized field or type","path":["me"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}},{"message":"Unauthorized field or type","path":["adminNote"],"extensions":{"code":"UNAUTHORIZED_FIELD_OR_TYPE"}}],"data":null}""",
            response);
        Assert.Empty(graph.Subgraphs.RequestsTo("accounts"));
        Assert.Equal((0, 0), graph.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task Field_whose_selections_are_all_removed_is_left_out_and_null()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ publicInfo me { email } }", caller: AuthorizationGraph.Caller());

        Assert.Equal("""{"publicInfo":"hello","me":null}""", response["data"]!.ToJsonString());
        Assert.Equal("""[["me","email"]]""", Paths(response));
        Assert.DoesNotContain("me", Assert.Single(graph.Subgraphs.RequestsTo("accounts")).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callers_with_different_rights_never_share_a_plan_and_full_rights_share_the_unfiltered_one()
    {
        using var graph = AuthorizationGraph.Start();
        const string query = "{ users { name email orders { amount } } }";

        var admin = await graph.RunAsync(query, caller: AuthorizationGraph.Caller("customer", "admin"), includeQueryPlan: true);
        var anonymous = await graph.RunAsync(query, caller: AuthorizationGraph.Anonymous, includeQueryPlan: true);
        var secondAdmin = await graph.RunAsync(query, caller: AuthorizationGraph.Caller("agent", "user:read", "email:read"), includeQueryPlan: true);
        var secondAnonymous = await graph.RunAsync(query, caller: AuthorizationGraph.Anonymous, includeQueryPlan: true);

        Assert.Equal("ada@example.org", admin["data"]!["users"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("ada@example.org", secondAdmin["data"]!["users"]![0]!["email"]!.GetValue<string>());
        Assert.Null(anonymous["data"]!["users"]![0]!["email"]);
        Assert.Null(secondAnonymous["data"]!["users"]![0]!["email"]);
        Assert.Contains("email", admin["extensions"]!["queryPlan"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("email", anonymous["extensions"]!["queryPlan"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((2L, 2L), graph.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task Unprotected_operation_is_planned_and_cached_as_before()
    {
        using var graph = AuthorizationGraph.Start();

        await graph.RunAsync("{ publicInfo users { name } }", caller: AuthorizationGraph.Anonymous);
        var response = await graph.RunAsync("{ publicInfo users { name } }", caller: AuthorizationGraph.Caller("agent", "admin"));

        Assert.Null(response["errors"]);
        Assert.Equal((1L, 1L), graph.Engine.PlanCacheStatistics);
    }

    [Fact]
    public async Task Removing_a_field_of_a_non_null_list_item_can_null_the_whole_data()
    {
        using var graph = AuthorizationGraph.Start();

        // users: [User!]! has nothing left once email goes: it is left out, and its null reaches data.
        var response = await graph.RunAsync("{ publicInfo users { email } }", caller: AuthorizationGraph.Anonymous);

        Assert.Null(response["data"]);
        Assert.Equal("""[["users","@","email"]]""", Paths(response));
    }

    [Fact]
    public async Task Typename_is_always_allowed_even_on_an_unauthorized_type()
    {
        using var graph = AuthorizationGraph.Start();

        var response = await graph.RunAsync("{ __typename search { __typename } }", caller: AuthorizationGraph.Anonymous);

        ResponseShapeTests.AssertJson("""{"data":{"__typename":"Query","search":[{"__typename":"User"},{"__typename":"Invoice"}]}}""", response);
    }

    private static string Paths(JsonObject response) =>
        new JsonArray([.. ((JsonArray)response["errors"]!).Select(e => e!["path"]!.DeepClone())]).ToJsonString();
}
