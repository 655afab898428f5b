using System.Diagnostics;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>Waits for a condition that other threads or processes make true, with a bound generous enough for a busy machine.</summary>
public static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> when it has not within <see cref="Bound"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="TrueAsync(Func{bool}, string)"/>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Bound)
            {
                Assert.Fail($"Still not true after {Bound.TotalSeconds:F0} s: {what}");
            }

            // Polls the condition; how long each turn takes does not matter, only that the bound is generous.
            await Task.Delay(10);
        }
    }
}
