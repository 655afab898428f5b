using Microsoft.EntityFrameworkCore;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Customers.ServiceRequestTests;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary><c>updateContactDetails</c>, <c>onboardCustomer</c> and <c>logContact</c>: validated, idempotent where keyed, and for whom.</summary>
public sealed class ContactDetailsTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private const string Update = """
        mutation($input: UpdateContactDetailsInput!) {
          updateContactDetails(input: $input) { replayed serviceRequest { id } customer { id email phone mailingAddress { line1 city state postalCode } } }
        }
        """;

    private const string Onboard = """
        mutation($input: OnboardCustomerInput!) {
          onboardCustomer(input: $input) {
            replayed
            customer { id name email segment since accounts { id status } serviceLocations { line1 } serviceRequests { id } }
            serviceRequest { id kind status openedAccount { id } }
          }
        }
        """;

    private const string LogContact = """
        mutation($input: LogContactInput!) {
          logContact(input: $input) { interaction { id channel topic summary agent disposition durationSeconds eventType source subject { type id } } }
        }
        """;

    [Fact]
    public async Task Update_contact_details_changes_what_is_given_once_per_key_and_records_an_interaction()
    {
        var customer = DemoGraph.CustomerId(20);
        var key = Key();
        var input = new { customerId = customer, email = " new.address@example.org ", mailingAddress = new { line1 = "PO Box 12", city = "Dayton", state = "OH", postalCode = "45401-0012" }, idempotencyKey = key };
        var client = fixture.As(TestCallers.Customer(customer));
        string phoneBefore;
        await using (var db = fixture.Host.CreateDbContext<CustomersDbContext>())
        {
            phoneBefore = (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer)).Phone;
        }

        var first = (await client.PostAsync(Update, new { input })).EnsureNoErrors();
        var again = (await client.PostAsync(Update, new { input })).EnsureNoErrors();
        var reused = await client.PostAsync(Update, new { input = new { customerId = customer, email = "other@example.org", idempotencyKey = key } });

        Assert.False(first.At("updateContactDetails", "replayed").GetBoolean());
        Assert.True(again.At("updateContactDetails", "replayed").GetBoolean());
        Assert.Equal("new.address@example.org", first.At("updateContactDetails", "customer", "email").GetString());
        Assert.Equal(phoneBefore, first.At("updateContactDetails", "customer", "phone").GetString());
        Assert.Equal("45401-0012", first.At("updateContactDetails", "customer", "mailingAddress", "postalCode").GetString());
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], reused.ErrorCodes);
        await using var check = fixture.Host.CreateDbContext<CustomersDbContext>();
        Assert.Equal("new.address@example.org", (await check.Customers.AsNoTracking().SingleAsync(c => c.Id == customer)).Email);
        var interaction = await check.Interactions.AsNoTracking().SingleAsync(i => i.CustomerId == customer && i.EventType == "CONTACT_DETAILS_UPDATED");
        Assert.Equal("Updated the e-mail address and mailing address.", interaction.Summary);
    }

    [Theory]
    [InlineData("EMAIL_INVALID", "not-an-address", null)]
    [InlineData("EMAIL_INVALID", "a@b", null)]
    [InlineData("PHONE_INVALID", null, "555-1234")]
    [InlineData("PHONE_INVALID", null, "call me maybe 5551234567")]
    [InlineData("CONTACT_DETAILS_EMPTY", null, null)]
    public async Task Invalid_contact_details_are_refused_with_their_code_and_change_nothing(string code, string? email, string? phone)
    {
        var customer = DemoGraph.CustomerId(21);
        var before = await SnapshotAsync(fixture.Host);

        var response = await fixture.As(TestCallers.Agent).PostAsync(Update, new { input = new { customerId = customer, email, phone, idempotencyKey = Key() } });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task A_customer_cannot_update_another_customers_contact_details()
    {
        var before = await SnapshotAsync(fixture.Host);

        var response = await fixture.As(TestCallers.Customer(DemoGraph.CustomerId(22))).PostAsync(Update, new
        {
            input = new { customerId = DemoGraph.CustomerId(23), email = "mine@example.org", idempotencyKey = Key() },
        });

        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task Onboarding_makes_a_customer_with_a_location_a_first_account_and_its_start_request_once_per_key()
    {
        var input = new
        {
            name = "Rosa Delgado",
            email = "rosa.delgado@example.com",
            phone = "+1 (555) 010-2030",
            serviceAddress = new { line1 = "88 Willow Way", city = "Raleigh", state = "NC", postalCode = "27601" },
            startOn = Day(0),
            idempotencyKey = Key(),
        };

        var first = (await fixture.As(TestCallers.Agent).PostAsync(Onboard, new { input })).EnsureNoErrors();
        var again = (await fixture.As(TestCallers.Agent).PostAsync(Onboard, new { input })).EnsureNoErrors();

        var customer = first.At("onboardCustomer", "customer");
        Assert.False(first.At("onboardCustomer", "replayed").GetBoolean());
        Assert.True(again.At("onboardCustomer", "replayed").GetBoolean());
        Assert.Equal(customer.GetProperty("id").GetString(), again.At("onboardCustomer", "customer", "id").GetString());
        Assert.Equal("RESIDENTIAL", customer.GetProperty("segment").GetString());
        Assert.Equal(Day(0), customer.GetProperty("since").GetString());
        var account = Assert.Single(customer.GetProperty("accounts").EnumerateArray());
        Assert.Equal("ACTIVE", account.GetProperty("status").GetString());
        Assert.Equal("88 Willow Way", Assert.Single(customer.GetProperty("serviceLocations").EnumerateArray()).GetProperty("line1").GetString());
        Assert.Equal("START", first.At("onboardCustomer", "serviceRequest", "kind").GetString());
        Assert.Equal(account.GetProperty("id").GetString(), first.At("onboardCustomer", "serviceRequest", "openedAccount", "id").GetString());
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Email == "rosa.delgado@example.com"));
        Assert.Equal(1, await db.Interactions.CountAsync(i => i.CustomerId == customer.GetProperty("id").GetString() && i.EventType == "CUSTOMER_ONBOARDED"));
    }

    [Theory]
    [InlineData("NAME_INVALID", " ", "x@example.com", "5550102030")]
    [InlineData("EMAIL_INVALID", "Ann Lee", "x@", "5550102030")]
    [InlineData("PHONE_INVALID", "Ann Lee", "x@example.com", "12")]
    public async Task Invalid_onboarding_is_refused_with_its_code_and_writes_nothing(string code, string name, string email, string phone)
    {
        var before = await SnapshotAsync(fixture.Host);

        var response = await fixture.As(TestCallers.Agent).PostAsync(Onboard, new
        {
            input = new { name, email, phone, serviceAddress = new { line1 = "1 Main St", city = "Lansing", state = "MI", postalCode = "48933" }, startOn = Day(0), idempotencyKey = Key() },
        });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task Customers_cannot_onboard_or_log_contacts()
    {
        var caller = TestCallers.Customer(DemoGraph.CustomerId(24));
        var before = await SnapshotAsync(fixture.Host);

        var onboard = await fixture.As(caller).PostAsync(Onboard, new
        {
            input = new { name = "Self Made", email = "self@example.com", phone = "5550102030", serviceAddress = new { line1 = "1 Main St", city = "Lansing", state = "MI", postalCode = "48933" }, startOn = Day(0), idempotencyKey = Key() },
        });
        var log = await fixture.As(caller).PostAsync(LogContact, new
        {
            input = new { customerId = DemoGraph.CustomerId(24), channel = "PHONE", reason = "Praise", disposition = "RESOLVED", durationSeconds = 60 },
        });

        Assert.Equal(["FORBIDDEN"], onboard.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], log.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task An_agent_logs_a_call_as_an_interaction_with_its_reason_disposition_and_duration()
    {
        var customer = DemoGraph.CustomerId(25);

        var response = (await fixture.As(TestCallers.Agent).PostAsync(LogContact, new
        {
            input = new { customerId = customer, channel = "CHAT", reason = "High bill", disposition = "FOLLOW_UP", durationSeconds = 545, notes = "Walked through the winter usage; will call back after the meter read." },
        })).EnsureNoErrors();

        var interaction = response.At("logContact", "interaction");
        Assert.Equal("CHAT", interaction.GetProperty("channel").GetString());
        Assert.Equal("High bill", interaction.GetProperty("topic").GetString());
        Assert.Equal("FOLLOW_UP", interaction.GetProperty("disposition").GetString());
        Assert.Equal(545, interaction.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("agent-007", interaction.GetProperty("agent").GetString());
        Assert.Equal("CONTACT_LOGGED", interaction.GetProperty("eventType").GetString());
        Assert.Equal("customers", interaction.GetProperty("source").GetString());
        var history = (await fixture.As(TestCallers.Customer(customer)).PostAsync(
            "query($id: ID!) { customer(id: $id) { interactions(first: 1) { id summary } } }", new { id = customer })).EnsureNoErrors();
        Assert.Equal(interaction.GetProperty("id").GetString(), history.At("customer", "interactions", 0, "id").GetString());
    }

    [Theory]
    [InlineData("", 60)]
    [InlineData("Billing", -1)]
    [InlineData("Billing", 43_201)]
    public async Task An_invalid_contact_log_is_refused_with_CONTACT_LOG_INVALID(string reason, int durationSeconds)
    {
        var before = await SnapshotAsync(fixture.Host);

        var response = await fixture.As(TestCallers.Agent).PostAsync(LogContact, new
        {
            input = new { customerId = DemoGraph.CustomerId(26), channel = "PHONE", reason, disposition = "RESOLVED", durationSeconds },
        });

        Assert.Equal(["CONTACT_LOG_INVALID"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }
}
