using System.Diagnostics;

namespace UCE.Gateway.Engine.Tests.TestSubgraphs;

/// <summary>Waits for a condition that other threads make true, with a bound generous enough for a busy machine.</summary>
public static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> when it has not within <see cref="Bound"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound)
            {
                Assert.Fail($"Still not true after {Bound.TotalSeconds:F0} s: {what}");
            }

            // Polls the condition; how long each turn takes does not matter, only that the bound is generous.
            await Task.Delay(5);
        }
    }
}
