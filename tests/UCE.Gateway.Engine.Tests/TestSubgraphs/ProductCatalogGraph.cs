namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>
/// Three subgraphs — products, reviews, accounts — with a product catalogue where entities cross every subgraph,
/// the API schema they compose to, and the data they serve.
/// </summary>
public static class ProductCatalogGraph
{
    public const string ProductsSdl = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])
        type Query { topProducts(first: Int): [Product!]! product(upc: String!): Product }
        type Product @key(fields: "upc") { upc: String! name: String price: Int category: Category }
        enum Category { BOOK FURNITURE GARDEN @inaccessible }
        """;

    public const string ProductsData = """
        {
          "Query": {
            "topProducts": [
              { "upc": "1", "name": "Table", "price": 899, "category": "FURNITURE" },
              { "upc": "2", "name": "Couch", "price": 1299, "category": "FURNITURE" },
              { "upc": "3", "name": "Chair", "price": 54, "category": "GARDEN" }
            ],
            "product": { "upc": "1", "name": "Table", "price": 899, "category": "FURNITURE" }
          },
          "Product": [
            { "upc": "1", "name": "Table", "price": 899, "category": "FURNITURE" },
            { "upc": "2", "name": "Couch", "price": 1299, "category": "FURNITURE" },
            { "upc": "3", "name": "Chair", "price": 54, "category": "GARDEN" }
          ]
        }
        """;

    public const string ReviewsSdl = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Product @key(fields: "upc") { upc: String! reviews: [Review!] }
        type Review { id: ID! body: String! author: User rating: Int }
        type User @key(fields: "id", resolvable: false) { id: ID! }
        """;

    public const string ReviewsData = """
        {
          "Product": [
            { "upc": "1", "reviews": [ { "id": "r1", "body": "Love it", "author": { "id": "u1" }, "rating": 5 },
                                       { "id": "r2", "body": "Too small", "author": { "id": "u2" }, "rating": 2 } ] },
            { "upc": "2", "reviews": [ { "id": "r3", "body": "Comfy", "author": { "id": "u1" }, "rating": 4 } ] },
            { "upc": "3", "reviews": [ { "id": "r4", "body": "Wobbly", "author": { "id": "u3" }, "rating": null } ] }
          ]
        }
        """;

    public const string AccountsSdl = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { me: User }
        type Mutation { rename(name: String!): User }
        type User @key(fields: "id") { id: ID! username: String }
        """;

    public const string AccountsData = """
        {
          "Query": { "me": { "id": "u1", "username": "ada" } },
          "User": [
            { "id": "u1", "username": "ada" },
            { "id": "u2", "username": "grace" },
            { "id": "u3", "username": null }
          ]
        }
        """;

    /// <summary>
    /// The API schema the three subgraphs compose to, except that <c>Review.rating</c> and <c>User.username</c> are
    /// non-null here while the subgraphs may return null for them: that exercises the gateway's own null propagation.
    /// </summary>
    public const string ApiSdl = """
        type Query { topProducts(first: Int): [Product!]! product(upc: String!): Product me: User }
        type Mutation { rename(name: String!): User }
        type Product { upc: String! name: String price: Int category: Category reviews: [Review!] }
        enum Category { BOOK FURNITURE }
        type Review { id: ID! body: String! author: User rating: Int! }
        type User { id: ID! username: String! }
        """;

    public static InMemorySubgraphHandler CreateSubgraphs() => new(
        new DataSubgraph("products", ProductsSdl, ProductsData),
        new DataSubgraph("reviews", ReviewsSdl, ReviewsData),
        new DataSubgraph("accounts", AccountsSdl, AccountsData));
}
