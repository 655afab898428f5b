using System.Globalization;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Customers.Data;

/// <summary>
/// Deterministic customers data for a range of the <see cref="DemoGraph"/> key space: the same index always yields the
/// same name, address and contact history, so every run and every subgraph agree.
/// </summary>
public static class CustomersSeed
{
    private static readonly string[] BusinessNames =
    [
        "Riverside Bakery", "Summit Dental", "Oak Street Hardware", "Bluewater Logistics", "Maple Grove Clinic",
        "Harbor Light Cafe", "Granite Peak Fitness", "Lakeside Printing", "Cedar Lane Vets", "Northwind Storage",
    ];

    private static readonly string[] Streets =
    [
        "Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr", "Hillcrest Blvd", "River Rd",
        "Sunset Ave", "Willow Way", "Birch Ct", "Park Pl",
    ];

    private static readonly (string City, string State, string Zip)[] Cities =
    [
        ("Springfield", "IL", "627"), ("Columbus", "OH", "432"), ("Madison", "WI", "537"), ("Raleigh", "NC", "276"),
        ("Richmond", "VA", "232"), ("Lansing", "MI", "489"), ("Dayton", "OH", "454"), ("Peoria", "IL", "616"),
    ];

    private static readonly (InteractionChannel Channel, string Topic, string Summary, bool Agent)[] Contacts =
    [
        (InteractionChannel.Phone, "Billing question", "Asked why this month's bill is higher; explained the rate change.", true),
        (InteractionChannel.Web, "Payment", "Made a one-time payment online.", false),
        (InteractionChannel.Chat, "Outage", "Reported lights flickering; outage ticket opened.", true),
        (InteractionChannel.Email, "Move service", "Requested a service start date at a new address.", true),
        (InteractionChannel.Sms, "Outage alert", "Received and acknowledged an outage restoration alert.", false),
        (InteractionChannel.Phone, "Payment arrangement", "Set up a three-month payment arrangement.", true),
        (InteractionChannel.FieldVisit, "Meter inspection", "Technician inspected and resealed the meter.", true),
        (InteractionChannel.Web, "Product interest", "Browsed smart thermostat offers and requested a quote.", false),
        (InteractionChannel.Chat, "High usage", "Asked about a high-usage alert; reviewed daily usage together.", true),
        (InteractionChannel.Email, "Paperless billing", "Enrolled in paperless billing.", false),
    ];

    private static readonly string[] Agents = ["J. Rivera", "K. Osei", "M. Lindqvist", "T. Brooks", "A. Farouk", "S. Yamamoto"];

    /// <summary>Everything the customers subgraph stores for one customer of the key space.</summary>
    /// <param name="demo">The customer of the key space.</param>
    /// <param name="historyEnd">The instant the contact history ends (<see cref="DemoGraph.Now"/>).</param>
    public static CustomerRecords For(DemoCustomer demo, DateTime historyEnd)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var random = DemoGraph.RandomFor("customers", demo.Index);
        var name = demo.Commercial
            ? BusinessNames[random.Next(BusinessNames.Length)] + (demo.Index > BusinessNames.Length ? $" #{demo.Index}" : string.Empty)
            : $"{DemoGraph.FirstName(demo.Index)} {DemoGraph.LastName(demo.Index)}";
        var emailName = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        var since = DateOnly.FromDateTime(historyEnd).AddDays(-random.Next(365, 365 * 25));
        var customer = new Customer
        {
            Id = demo.Id,
            Name = name,
            Email = string.Create(CultureInfo.InvariantCulture, $"{emailName}.{demo.Index}@example.com"),
            Phone = string.Create(CultureInfo.InvariantCulture, $"+1-555-{random.Next(100, 1000):D3}-{demo.Index % 10000:D4}"),
            Segment = demo.Commercial ? CustomerSegment.Commercial : CustomerSegment.Residential,
            Since = since,
        };

        var (city, state, zip) = Cities[random.Next(Cities.Length)];
        var location = new ServiceLocation
        {
            Id = demo.Location.Id,
            CustomerId = demo.Id,
            Line1 = string.Create(CultureInfo.InvariantCulture, $"{random.Next(10, 9999)} {Streets[random.Next(Streets.Length)]}"),
            City = city,
            State = state,
            PostalCode = string.Create(CultureInfo.InvariantCulture, $"{zip}{random.Next(0, 100):D2}"),
            PremiseId = demo.Location.PremiseId,
            MeterId = demo.Location.MeterId,
        };

        var accounts = demo.Accounts.Select(account => new Account
        {
            Id = account.Id,
            Number = account.Number,
            Kind = account.Kind,
            Status = AccountStatus.Active,
            Opened = account.Kind == AccountKind.Regulated ? since : Min(since.AddDays(random.Next(30, 2000)), DateOnly.FromDateTime(historyEnd)),
            CustomerId = demo.Id,
            ServiceLocationId = account.LocationId,
        }).ToList();

        var interactions = new List<Interaction>();
        var count = random.Next(2, 7);
        for (var n = 0; n < count; n++)
        {
            var contact = Contacts[random.Next(Contacts.Length)];
            interactions.Add(new Interaction
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"int-{demo.Index:D6}-{n + 1:D2}"),
                CustomerId = demo.Id,
                Channel = contact.Channel,
                Topic = contact.Topic,
                Summary = contact.Summary,
                Agent = contact.Agent ? Agents[random.Next(Agents.Length)] : null,
                At = historyEnd.AddMinutes(-random.Next(1, 365 * 24 * 60)),
            });
        }

        return new CustomerRecords(customer, location, accounts, interactions);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>One customer's rows.</summary>
public sealed record CustomerRecords(Customer Customer, ServiceLocation Location, IReadOnlyList<Account> Accounts, IReadOnlyList<Interaction> Interactions);
