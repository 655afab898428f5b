namespace UCE.Gateway.Tests.Support;

/// <summary>Schemas the <see cref="SdlSchemaEngine"/> serves in transport and reload tests.</summary>
public static class TestSchemas
{
    public const string Greeting = """
        type Query {
          hello: String
          greet(name: String!): String
          held: String
          header(name: String!): String
        }

        type Mutation {
          increment: Int
        }
        """;

    /// <summary><see cref="Greeting"/> plus a field <c>added</c>, as a redeployed supergraph would have.</summary>
    public const string GreetingWithAddedField = """
        type Query {
          hello: String
          added: String
          greet(name: String!): String
          held: String
          header(name: String!): String
        }

        type Mutation {
          increment: Int
        }
        """;

    public const string Invalid = "type Query { broken: NoSuchType }";
}
