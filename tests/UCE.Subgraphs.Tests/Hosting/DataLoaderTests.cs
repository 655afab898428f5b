using UCE.Subgraphs.Hosting.DataLoading;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class DataLoaderTests
{
    [Fact]
    public async Task Keys_queued_before_the_first_result_is_asked_are_fetched_in_one_batch()
    {
        var loader = new NumberNames();
        var one = loader.LoadAsync(1);
        var two = loader.LoadAsync(2);
        var three = loader.LoadAsync(3);

        Assert.Equal("two", await two.GetResultAsync());
        Assert.Equal("one", await one.GetResultAsync());
        Assert.Equal("three", await three.GetResultAsync());
        Assert.Equal(1, loader.BatchCount);
        Assert.Equal([[1, 2, 3]], loader.Batches);
    }

    [Fact]
    public async Task A_key_asked_twice_is_fetched_once_and_then_served_from_the_cache()
    {
        var loader = new NumberNames();
        var first = loader.LoadAsync(4);
        var again = loader.LoadAsync(4);
        Assert.Equal("four", await first.GetResultAsync());
        Assert.Equal("four", await again.GetResultAsync());

        Assert.Equal("four", await loader.LoadAsync(4).GetResultAsync());
        Assert.Equal([[4]], loader.Batches);
    }

    [Fact]
    public async Task Keys_queued_after_a_batch_form_the_next_batch()
    {
        var loader = new NumberNames();
        await loader.LoadAsync(1).GetResultAsync();
        var later = loader.LoadManyAsync([2, 1, 3]);

        Assert.Equal("two,one,three", string.Join(',', await later.GetResultAsync()));
        Assert.Equal([[1], [2, 3]], loader.Batches);
    }

    [Fact]
    public async Task Unknown_key_of_a_batch_loader_is_null()
    {
        var loader = new NumberNames();
        var known = loader.LoadAsync(1);
        var unknown = loader.LoadAsync(99);

        Assert.Null(await unknown.GetResultAsync());
        Assert.Equal("one", await known.GetResultAsync());
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task Parent_without_children_gets_an_empty_list_from_a_group_loader()
    {
        var loader = new Divisors();
        var six = loader.LoadAsync(6);
        var none = loader.LoadAsync(-1);

        Assert.Equal([1, 2, 3, 6], await six.GetResultAsync());
        Assert.Empty(await none.GetResultAsync());
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task A_failed_fetch_fails_every_key_of_its_batch_and_only_that_batch()
    {
        var loader = new NumberNames { FailNextFetch = true };
        var one = loader.LoadAsync(1);
        var two = loader.LoadAsync(2);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => one.GetResultAsync());
        Assert.Equal("database down", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => two.GetResultAsync());

        Assert.Equal("three", await loader.LoadAsync(3).GetResultAsync());
    }

    [Fact]
    public async Task Results_asked_concurrently_share_one_fetch()
    {
        // The fetch is held until every result has been asked for, so all four are asked while it is in flight.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new NumberNames { Gate = gate.Task };
        var results = Enumerable.Range(1, 4).Select(loader.LoadAsync).ToList();

        var asked = results.Select(result => result.GetResultAsync()).ToList();
        Assert.All(asked, value => Assert.False(value.IsCompleted));
        Assert.Equal(1, loader.BatchCount);
        gate.SetResult();
        var values = await Task.WhenAll(asked).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("one,two,three,four", string.Join(',', values));
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task Keys_equal_under_the_loaders_comparer_are_one_key_even_when_the_answer_uses_another_comparer()
    {
        var loader = new CaseInsensitiveCodes();
        var upper = loader.LoadAsync("ABC");
        var lower = loader.LoadAsync("abc");

        Assert.Equal("found ABC", await lower.GetResultAsync());
        Assert.Equal("found ABC", await upper.GetResultAsync());
        Assert.Equal([["ABC"]], loader.Batches);
    }

    [Fact]
    public async Task Mapped_result_keeps_the_key_in_its_batch()
    {
        var loader = new NumberNames();
        var length = loader.LoadAsync(3).Then(name => name?.Length);
        var other = loader.LoadAsync(1);

        Assert.Equal(5, await length.GetResultAsync());
        Assert.Equal("one", await other.GetResultAsync());
        Assert.Equal(1, loader.BatchCount);
    }

    private sealed class NumberNames : BatchDataLoader<int, string>
    {
        private static readonly string[] Names = ["zero", "one", "two", "three", "four", "five"];

        public List<int[]> Batches { get; } = [];

        public bool FailNextFetch { get; set; }

        /// <summary>When set, each fetch waits for it after recording its keys.</summary>
        public Task? Gate { get; init; }

        protected override async Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            Batches.Add([.. keys]);
            if (Gate is not null)
            {
                await Gate.WaitAsync(cancellationToken);
            }
            if (FailNextFetch)
            {
                FailNextFetch = false;
                throw new InvalidOperationException("database down");
            }

            return keys.Where(key => key >= 0 && key < Names.Length).ToDictionary(key => key, key => Names[key]);
        }
    }

    private sealed class Divisors : GroupDataLoader<int, int>
    {
        protected override Task<ILookup<int, int>> LoadGroupsAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
            Task.FromResult(keys
                .Where(key => key > 0)
                .SelectMany(key => Enumerable.Range(1, key).Where(d => key % d == 0).Select(d => (key, d)))
                .ToLookup(pair => pair.key, pair => pair.d));
    }

    private sealed class CaseInsensitiveCodes() : BatchDataLoader<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        public List<string[]> Batches { get; } = [];

        protected override Task<IReadOnlyDictionary<string, string>> LoadBatchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Batches.Add([.. keys]);

            // Answers keyed the way the database spells them, in an ordinal dictionary.
            IReadOnlyDictionary<string, string> found = keys.ToDictionary(key => key.ToUpperInvariant(), key => "found " + key.ToUpperInvariant(), StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }
}
