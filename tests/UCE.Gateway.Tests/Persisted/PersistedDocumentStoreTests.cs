using UCE.Gateway.Persisted;
using UCE.Gateway.Tests.Support;

namespace UCE.Gateway.Tests.Persisted;

/// <summary>One suite, run against Redis and against the in-process stand-in: they must behave alike.</summary>
public sealed class PersistedDocumentStoreTests
{
    public static TheoryData<string> Stores => new() { "redis", "memory" };

    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = "uce:test:" + Guid.NewGuid().ToString("N") + ":";

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_published_manifest_is_read_back_whole_with_its_version(string kind)
    {
        var store = Create(kind);
        var documents = new[]
        {
            new PersistedDocument("outages-v1", "query Outages { activeOutages { id } }", "Outages", "query"),
            new PersistedDocument(null, "{ products { id } }"),
        };

        var version = await store.PublishAsync("partner", documents, CancellationToken.None);
        var stored = await store.GetAsync("partner", CancellationToken.None);

        Assert.Equal(1, version);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, await store.VersionAsync("partner", CancellationToken.None));
        Assert.Equal(
            documents.Select(d => (d.Id, d.Body, d.Name, d.Type, d.ContentHash)).OrderBy(d => d.Id, StringComparer.Ordinal),
            stored.Documents.Select(d => (d.Id, d.Body, d.Name, d.Type, d.ContentHash)).OrderBy(d => d.Id, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_next_version_replaces_the_manifest_whole(string kind)
    {
        var store = Create(kind);
        await store.PublishAsync("portal", [new PersistedDocument("a", "{ products { id } }"), new PersistedDocument("b", "{ products { name } }")], CancellationToken.None);

        var version = await store.PublishAsync("portal", [new PersistedDocument("c", "{ products { category } }")], CancellationToken.None);
        var retired = await store.PublishAsync("portal", [], CancellationToken.None);
        var empty = await store.GetAsync("portal", CancellationToken.None);
        await store.PublishAsync("portal", [new PersistedDocument("d", "{ products { terms } }")], CancellationToken.None);
        var current = await store.GetAsync("portal", CancellationToken.None);

        Assert.Equal(2, version);
        Assert.Equal(3, retired);
        Assert.Empty(empty!.Documents);
        Assert.Equal(4, current!.Version);
        Assert.Equal(["d"], current.Documents.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Clients_are_kept_apart_and_listed(string kind)
    {
        var store = Create(kind);
        await store.PublishAsync("one", [new PersistedDocument("x", "{ products { id } }")], CancellationToken.None);
        await store.PublishAsync("two", [new PersistedDocument("x", "{ products { name } }")], CancellationToken.None);

        Assert.Equal(["one", "two"], (await store.ClientsAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal("{ products { name } }", (await store.GetAsync("two", CancellationToken.None))!.Documents[0].Body);
        Assert.Null(await store.GetAsync("three", CancellationToken.None));
        Assert.Null(await store.VersionAsync("three", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Watchers_hear_of_every_publication(string kind)
    {
        var store = Create(kind);
        var heard = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await store.WatchAsync(client => heard.TrySetResult(client), CancellationToken.None);

        await Create(kind, sameAs: store).PublishAsync("watched", [new PersistedDocument("x", "{ products { id } }")], CancellationToken.None);

        Assert.Equal("watched", await heard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_automatic_persisted_query_is_found_by_its_hash_until_it_expires(string kind)
    {
        var store = Create(kind);
        var hash = PersistedDocument.Sha256Hex("{ products { id } }");

        Assert.Null(await store.GetAutomaticAsync(hash, CancellationToken.None));
        await store.SetAutomaticAsync(hash, "{ products { id } }", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.Equal("{ products { id } }", await store.GetAutomaticAsync(hash, CancellationToken.None));

        // Real time moves Redis's clock, the manual clock moves the stand-in's.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await GatewayTestHost.WaitUntilAsync(async () => await store.GetAutomaticAsync(hash, CancellationToken.None) is null, TimeSpan.FromSeconds(10), "the entry expired");
    }

    [Fact]
    public async Task A_second_redis_store_sees_what_the_first_published_as_a_restarted_gateway_would()
    {
        await Create("redis").PublishAsync("kept", [new PersistedDocument("x", "{ products { id } }")], CancellationToken.None);
        await Create("redis").SetAutomaticAsync("ab", "{ products { name } }", TimeSpan.FromMinutes(1), CancellationToken.None);

        var later = new RedisPersistedDocumentStore(TestRedis.Connection, _prefix);

        Assert.Equal("x", (await later.GetAsync("kept", CancellationToken.None))!.Documents.Single().Id);
        Assert.Equal("{ products { name } }", await later.GetAutomaticAsync("ab", CancellationToken.None));
    }

    [Fact]
    public async Task The_in_process_store_drops_the_entries_closest_to_expiry_beyond_its_size()
    {
        var store = new InMemoryPersistedDocumentStore(_clock, maxAutomatic: 2);
        await store.SetAutomaticAsync("short", "{ a }", TimeSpan.FromMinutes(1), CancellationToken.None);
        await store.SetAutomaticAsync("long", "{ b }", TimeSpan.FromMinutes(10), CancellationToken.None);

        await store.SetAutomaticAsync("new", "{ c }", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Null(await store.GetAutomaticAsync("short", CancellationToken.None));
        Assert.NotNull(await store.GetAutomaticAsync("long", CancellationToken.None));
        Assert.NotNull(await store.GetAutomaticAsync("new", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a{b}")]
    [InlineData("../x")]
    [InlineData(".hidden")]
    public async Task A_client_name_that_is_no_file_name_or_key_part_is_refused(string client)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Create("redis").PublishAsync(client, [], CancellationToken.None));
    }

    private IPersistedDocumentStore Create(string kind, IPersistedDocumentStore? sameAs = null) => kind switch
    {
        "redis" => new RedisPersistedDocumentStore(TestRedis.Connection, _prefix),
        _ => sameAs ?? new InMemoryPersistedDocumentStore(_clock),
    };
}
