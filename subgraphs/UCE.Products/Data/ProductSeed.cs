using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Products.Data;

/// <summary>
/// Deterministic enrollments and offers for a chunk of the demo key space: every customer holds one or two
/// products (some pending installation, some cancelled) and has open offers for products they do not hold.
/// </summary>
public static class ProductSeed
{
    private static readonly IReadOnlyList<Product> Catalogue = ProductCatalogue.Create();

    private static readonly Dictionary<ProductCategory, string[]> Reasons = new()
    {
        [ProductCategory.EvCharger] = ["An EV is registered at your address; charging at home off-peak costs less.", "Your evening usage suggests an electric vehicle."],
        [ProductCategory.SmartThermostat] = ["Your heating and cooling make up most of your bill.", "Your usage spikes on hot afternoons."],
        [ProductCategory.RooftopSolar] = ["Your roof faces south with little shade.", "Your daytime usage is high year round."],
        [ProductCategory.HomeBattery] = ["Your area had several outages this year.", "A battery would store your solar production for the evening."],
        [ProductCategory.HomeWarranty] = ["Your home's heating system is over 12 years old.", "Customers in your neighbourhood often need cooling repairs."],
    };

    /// <summary>Builds the rows for <paramref name="graph"/>'s customers as of <see cref="DemoGraph.Now"/>; open offers run one to two years past it.</summary>
    public static ProductSeedRows Build(DemoGraph graph)
    {
        var rows = new ProductSeedRows();
        var now = graph.Now;
        var catalogue = Catalogue;
        foreach (var customer in graph.Customers())
        {
            var random = DemoGraph.RandomFor("products", customer.Index);
            rows.Customers.Add(new CustomerProfile { CustomerId = customer.Id, Commercial = customer.Commercial });

            var order = Enumerable.Range(0, catalogue.Count).OrderBy(_ => random.Next()).ToList();
            var held = 1 + random.Next(2);
            for (var n = 0; n < held; n++)
            {
                var product = catalogue[order[n]];
                var since = now.AddDays(-random.Next(20, 900));
                var enrollment = Enrollment.Start($"enr-{customer.Index:D6}-{n + 1}", customer.Id, product, since, customer.Id);
                if (enrollment.Status == EnrollmentStatus.Pending && random.Next(3) > 0)
                {
                    enrollment.Activate();
                }

                if (random.Next(6) == 0)
                {
                    enrollment.Cancel(since.AddDays(random.Next(10, 15)));
                }

                rows.Enrollments.Add(enrollment);
            }

            for (var n = 0; n < 2; n++)
            {
                var product = catalogue[order[held + n]];
                var reasons = Reasons[product.Category];
                rows.Offers.Add(new Offer
                {
                    Id = $"ofr-{customer.Index:D6}-{n + 1}",
                    CustomerId = customer.Id,
                    ProductId = product.Id,
                    Reason = reasons[random.Next(reasons.Length)],
                    CreatedAt = now.AddDays(-random.Next(1, 20)),
                    ExpiresAt = now.AddDays(365 + random.Next(366)),
                });
            }

            if (customer.Index % 4 == 0)
            {
                var product = catalogue[order[held + 2]];
                rows.Offers.Add(new Offer
                {
                    Id = $"ofr-{customer.Index:D6}-3",
                    CustomerId = customer.Id,
                    ProductId = product.Id,
                    Reason = Reasons[product.Category][0],
                    CreatedAt = now.AddDays(-90),
                    ExpiresAt = now.AddDays(-30),
                });
            }
        }

        return rows;
    }
}

/// <summary>The rows one seed chunk adds.</summary>
public sealed class ProductSeedRows
{
    public List<CustomerProfile> Customers { get; } = [];

    public List<Enrollment> Enrollments { get; } = [];

    public List<Offer> Offers { get; } = [];
}
