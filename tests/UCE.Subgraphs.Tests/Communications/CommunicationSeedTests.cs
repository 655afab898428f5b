using UCE.Communications.Data;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Subgraphs.Tests.Communications;

public sealed class CommunicationSeedTests
{
    private static readonly DateOnly Day = new(2026, 11, 28);

    [Fact]
    public void Seeded_recipients_carry_the_first_name_of_the_person_the_customers_subgraph_names()
    {
        var rows = CommunicationSeed.Build(new DemoGraph(60, Day));

        Assert.Equal(60, rows.Recipients.Count);
        Assert.All(rows.Recipients, recipient =>
        {
            var index = int.Parse(recipient.CustomerId["cus-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var customer = CustomersSeed.For(DemoGraph.Customer(index), DemoGraph.Demo(Day).Now).Customer;
            Assert.Equal(DemoGraph.FirstName(index), recipient.FirstName);
            if (!DemoGraph.Customer(index).Commercial)
            {
                Assert.StartsWith(recipient.FirstName + " ", customer.Name, StringComparison.Ordinal);
                Assert.Equal(customer.Email, recipient.Email);
            }
        });
    }

    [Fact]
    public void Seeded_notifications_greet_recipients_by_their_first_name()
    {
        var rows = CommunicationSeed.Build(new DemoGraph(30, Day));
        var firstNames = rows.Recipients.ToDictionary(recipient => recipient.CustomerId, recipient => recipient.FirstName);

        var greetings = rows.Notifications.Where(notification => notification.Body.StartsWith("Hi ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(greetings);
        Assert.All(greetings, notification =>
            Assert.StartsWith($"Hi {firstNames[notification.CustomerId]},", notification.Body, StringComparison.Ordinal));
    }
}
