using UCE.Gateway.Persisted;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>Reading manifests: Apollo's persisted-query manifest and Relay's map of id to document.</summary>
public sealed class PersistedManifestTests
{
    private const string Products = "query Products { products { id } }";

    [Fact]
    public void An_apollo_manifest_gives_ids_names_types_and_bodies()
    {
        var (manifest, problems) = PersistedManifest.Read($$"""
            {"format":"apollo-persisted-query-manifest","version":1,"operations":[
              {"id":"{{PersistedDocument.Sha256Hex(Products)}}","name":"Products","type":"query","body":"{{Products}}"},
              {"name":"Pay","type":"mutation","body":"mutation Pay { makePayment(input: {}) { replayed } }"}
            ]}
            """);

        Assert.Empty(problems);
        Assert.Collection(
            manifest!.Documents,
            document =>
            {
                Assert.Equal(PersistedDocument.Sha256Hex(Products), document.Id);
                Assert.Equal(("Products", "query", Products), (document.Name, document.Type, document.Body));
                Assert.Equal("sha256:" + document.Id, document.ContentHash);
            },
            document =>
            {
                // An id left out is the content hash.
                Assert.Equal(document.ContentHash, document.Id);
                Assert.Equal("mutation", document.Type);
            });
    }

    [Fact]
    public void A_relay_manifest_maps_ids_to_documents()
    {
        var (manifest, problems) = PersistedManifest.Read($$"""{"3f2a": "{{Products}}", "other": "{ products { name } }"}""");

        Assert.Empty(problems);
        Assert.Equal(["3f2a", "other"], manifest!.Documents.Select(d => d.Id));
        Assert.All(manifest.Documents, document => Assert.Null(document.Name));
    }

    [Theory]
    [InlineData("[]", "A manifest is a JSON object")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"format":"something-else","version":1,"operations":[]}""", "\"format\" must be")]
    [InlineData("""{"format":"apollo-persisted-query-manifest","version":2,"operations":[]}""", "\"version\" must be 1")]
    [InlineData("""{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":"a"}]}""", "\"body\" is required")]
    [InlineData("""{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"body":"{ a }","type":"read"}]}""", "\"type\" must be query")]
    [InlineData("""{"a": 1}""", "maps each non-empty id to its document")]
    [InlineData("""{"a": "  "}""", "the document is empty")]
    [InlineData("""{"sha256:0000000000000000000000000000000000000000000000000000000000000000": "{ a }"}""", "the id is a SHA-256 but not the document's")]
    [InlineData("""{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":"x","body":"{ a }"},{"id":"x","body":"{ b }"}]}""", "the id is given twice")]
    public void A_manifest_that_is_wrong_says_where(string json, string problem)
    {
        var (manifest, problems) = PersistedManifest.Read(json);

        Assert.Null(manifest);
        Assert.Contains(problems, text => text.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_wrong_entry_is_reported_not_only_the_first()
    {
        var (_, problems) = PersistedManifest.Read("""{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":"a"},{"body":1},{"body":"{ ok }"}]}""");

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void A_manifest_written_in_apollos_format_reads_back_the_same()
    {
        var original = new PersistedManifest([new PersistedDocument("a", Products, "Products", "query"), new PersistedDocument(null, "{ b }")]);

        var (read, problems) = PersistedManifest.Read(original.ToApolloJson());

        Assert.Empty(problems);
        Assert.Equal(
            original.Documents.Select(d => (d.Id, d.Name, d.Type, d.Body)),
            read!.Documents.Select(d => (d.Id, d.Name, d.Type, d.Body)));
    }

    [Fact]
    public void A_document_is_found_by_its_id_and_by_its_content_hash_in_either_form_and_case()
    {
        var documents = new ClientDocuments("c", [new PersistedDocument("products-v1", Products)], "test", storeVersion: null);
        var hex = PersistedDocument.Sha256Hex(Products);

        Assert.All(
            new[] { "products-v1", hex, "sha256:" + hex, "sha256:" + hex.ToUpperInvariant(), hex.ToUpperInvariant() },
            id => Assert.Equal(Products, documents.Find(id)?.Body));
        Assert.Null(documents.Find("products-v2"));
    }
}
