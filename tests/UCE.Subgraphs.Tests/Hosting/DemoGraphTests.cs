using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Tests.Hosting;

public sealed class DemoGraphTests
{
    [Fact]
    public void Random_sources_are_the_same_in_every_process()
    {
        // Literal values: a seed that varied per process (e.g. HashCode) would give other numbers in another run.
        Assert.Equal(205315, DemoGraph.RandomFor("customers", 1).Next(1_000_000));
        Assert.Equal(590244, DemoGraph.RandomFor("billing", 40).Next(1_000_000));
    }

    [Fact]
    public void Names_are_stable_per_customer_and_vary_across_customers()
    {
        Assert.Equal(DemoGraph.FirstName(7), DemoGraph.FirstName(7));
        Assert.Equal(DemoGraph.LastName(7), DemoGraph.LastName(7));
        var distinct = Enumerable.Range(1, 40).Select(i => DemoGraph.FirstName(i) + " " + DemoGraph.LastName(i)).Distinct().Count();
        Assert.True(distinct > 20, $"only {distinct} distinct names among 40 customers");
    }

    [Fact]
    public void Every_third_customer_has_a_non_regulated_account_at_the_same_location()
    {
        var customer = DemoGraph.Customer(3);
        Assert.Equal(["acc-000003-r", "acc-000003-n"], customer.Accounts.Select(a => a.Id));
        Assert.All(customer.Accounts, account => Assert.Equal("loc-000003", account.LocationId));
        Assert.Single(DemoGraph.Customer(4).Accounts);
    }
}
