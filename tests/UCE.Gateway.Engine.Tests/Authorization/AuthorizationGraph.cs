using GraphQL;
using UCE.Gateway.Engine.Tests.TestSubgraphs;

namespace UCE.Gateway.Engine.Tests.Authorization;

/// <summary>The <c>exec-authorization</c> fixture served end to end, with the callers the tests use.</summary>
internal static class AuthorizationGraph
{
    public static readonly Dictionary<string, string> Data = new()
    {
        ["accounts"] = """
            { "Query": {
                "publicInfo": "hello",
                "me": { "id": "u1", "name": "Ada", "label": "L1", "email": "ada@example.org", "ssn": "111", "profile": { "bio": "math", "salary": 100 } },
                "users": [ { "id": "u1", "name": "Ada", "label": "L1", "email": "ada@example.org", "ssn": "111", "profile": { "bio": "math", "salary": 100 } },
                           { "id": "u2", "name": "Grace", "label": "L2", "email": "grace@navy.mil", "ssn": "222", "profile": { "bio": "cobol", "salary": 200 } } ],
                "node": { "__typename": "User", "id": "u1", "name": "Ada", "label": "L1" },
                "search": [ { "__typename": "User", "id": "u2", "name": "Grace", "label": "L2" }, { "__typename": "Invoice", "id": "i1", "label": "march", "total": 42 } ],
                "adminNote": "backup on friday",
                "secretCode": "s3cr3t",
                "level": "HIGH" },
              "User": [ { "id": "u1", "name": "Ada", "email": "ada@example.org" }, { "id": "u2", "name": "Grace", "email": "grace@navy.mil" } ] }
            """,
        ["orders"] = """
            { "User": [ { "id": "u1", "email": "ada@example.org", "orders": [ { "id": "o1", "amount": 5 } ] },
                        { "id": "u2", "email": "grace@navy.mil", "orders": [] } ] }
            """,
    };

    public static readonly Dictionary<string, Func<IResolveFieldContext, object?>> Resolvers = new()
    {
        ["User.emailDomain"] = context => ((IDictionary<string, object?>)context.Source!).TryGetValue("email", out var email) && email is string text
            ? text[(text.IndexOf('@', StringComparison.Ordinal) + 1)..]
            : null,
    };

    public static GatewayCaller Anonymous => GatewayCaller.Anonymous;

    public static FixtureGraph Start(GatewayOptions? options = null, Func<string, string>? editSupergraph = null) =>
        new("exec-authorization", Data, Resolvers, options, editSupergraph);

    public static GatewayCaller Caller(string role = "customer", params string[] scopes) =>
        new(role, true, new HashSet<string>(scopes, StringComparer.Ordinal));
}
