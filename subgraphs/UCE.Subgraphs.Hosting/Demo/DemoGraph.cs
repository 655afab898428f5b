namespace UCE.Subgraphs.Hosting.Demo;

/// <summary>
/// The deterministic key space every subgraph seeds from, so that ids agree across subgraphs that
/// never reference each other: customer <c>i</c> has service location <c>i</c>, a regulated
/// account there, and every third customer also a non-regulated account. The timeline is written
/// as of one UTC day, <see cref="AsOf"/>: the same day gives the same data, and the keys never depend on it.
/// </summary>
public sealed class DemoGraph
{
    /// <summary>The size of the demo data set applied on first start.</summary>
    public const int DemoCustomerCount = 40;

    private static readonly string[] FirstNames =
    [
        "Ava", "Liam", "Maya", "Noah", "Zoe", "Ethan", "Chloe", "Lucas", "Amara", "Mateo",
        "Priya", "Owen", "Sofia", "Elijah", "Hana", "Diego", "Nora", "Samuel", "Leila", "Jonah",
    ];

    private static readonly string[] LastNames =
    [
        "Okafor", "Martinez", "Nguyen", "Schmidt", "Patel", "Johnson", "Kowalski", "Haddad", "Tanaka", "Brennan",
        "Silva", "Andersen", "Dubois", "Reyes", "Chen", "Murphy", "Ivanova", "Moreau", "Kim", "Walker",
    ];

    public DemoGraph(int customerCount, DateOnly asOf, int firstIndex = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customerCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstIndex);
        CustomerCount = customerCount;
        AsOf = asOf;
        FirstIndex = firstIndex;
    }

    public int CustomerCount { get; }

    public int FirstIndex { get; }

    /// <summary>The UTC day the data describes, usually the day it is seeded, so that the demo always looks current.</summary>
    public DateOnly AsOf { get; }

    /// <summary>
    /// The instant the timeline is written as of: the start (00:00 UTC) of <see cref="AsOf"/>. History lies before it, so it
    /// is past all day long; what looks ahead (a restoration estimate, an open offer's expiry) lies after the day ends.
    /// </summary>
    public DateTime Now => AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The demo set as of <paramref name="asOf"/>.</summary>
    public static DemoGraph Demo(DateOnly asOf) => new(DemoCustomerCount, asOf);

    /// <summary>The current UTC day of <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Customers <paramref name="firstIndex"/> to <paramref name="firstIndex"/> + <paramref name="customerCount"/> − 1, as of the same day.</summary>
    public DemoGraph Slice(int firstIndex, int customerCount) => new(customerCount, AsOf, firstIndex);

    /// <summary>A random source that is the same for the same (subgraph, customer) on every run.</summary>
    /// <remarks><see cref="HashCode"/> is seeded per process, so the seed is combined by hand.</remarks>
    public static Random RandomFor(string subgraph, int customerIndex) =>
        new(unchecked((StableHash(subgraph) * 16777619) ^ customerIndex));

    public static string CustomerId(int index) => $"cus-{index:D6}";

    public static string LocationId(int index) => $"loc-{index:D6}";

    public static string RegulatedAccountId(int index) => $"acc-{index:D6}-r";

    public static string NonRegulatedAccountId(int index) => $"acc-{index:D6}-n";

    /// <summary>The first name of customer <paramref name="index"/>'s contact person, the same in every subgraph.</summary>
    public static string FirstName(int index) => FirstNames[RandomFor("first-name", index).Next(FirstNames.Length)];

    /// <summary>The last name of customer <paramref name="index"/>'s contact person, the same in every subgraph.</summary>
    public static string LastName(int index) => LastNames[RandomFor("last-name", index).Next(LastNames.Length)];

    public IEnumerable<DemoCustomer> Customers()
    {
        for (var i = FirstIndex; i < FirstIndex + CustomerCount; i++)
        {
            yield return Customer(i);
        }
    }

    public static DemoCustomer Customer(int index)
    {
        var location = new DemoLocation(
            LocationId(index),
            PremiseId: $"PRM-{index:D8}",
            MeterId: $"MTR-{index:D8}");
        var accounts = new List<DemoAccount>
        {
            new(RegulatedAccountId(index), Number: (1_000_000_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture), AccountKind.Regulated, location.Id),
        };
        if (index % 3 == 0)
        {
            accounts.Add(new DemoAccount(
                NonRegulatedAccountId(index),
                Number: (2_000_000_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
                AccountKind.NonRegulated,
                location.Id));
        }

        return new DemoCustomer(index, CustomerId(index), Commercial: index % 5 == 0, location, accounts);
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}

/// <summary>One customer of the key space.</summary>
public sealed record DemoCustomer(int Index, string Id, bool Commercial, DemoLocation Location, IReadOnlyList<DemoAccount> Accounts);

/// <summary>A service location (premise with a meter).</summary>
public sealed record DemoLocation(string Id, string PremiseId, string MeterId);

/// <summary>An account of a customer at a location.</summary>
public sealed record DemoAccount(string Id, string Number, AccountKind Kind, string LocationId);
