using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Billing;
using UCE.Communications;
using UCE.Communications.Data;
using UCE.Communications.Delivery;
using UCE.Outages;
using UCE.Products;
using UCE.Products.Data;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Events.Outbox;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Interactions;

/// <summary>The interaction events a subgraph's outbox holds, read back as the relay publishes them.</summary>
internal static class OutboxEvents
{
    public static async Task<List<InteractionEvent>> OfAsync<TContext>(SubgraphTestHost host, string type)
        where TContext : DbContext
    {
        await using var db = host.CreateDbContext<TContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).OrderBy(m => m.Id).ToListAsync();
        return [.. rows.Select(row => InteractionEvent.Read(row.Payload)!)];
    }
}

/// <summary>Billing tells of payments and autopay changes in the same transaction as the change.</summary>
public sealed class BillingPublishesInteractionsTests(SubgraphFixture<BillingSubgraph> fixture) : IClassFixture<SubgraphFixture<BillingSubgraph>>
{
    [Fact]
    public async Task A_payment_by_an_agent_and_an_autopay_change_by_the_customer_are_in_the_outbox()
    {
        var customer = DemoGraph.CustomerId(5);
        var account = DemoGraph.RegulatedAccountId(5);

        var payment = (await fixture.As(TestCallers.Agent).PostAsync(
            "mutation($input: MakePaymentInput!) { makePayment(input: $input) { payment { id } } }",
            new { input = new { accountId = account, amount = 40.25, method = "BANK", idempotencyKey = $"pub-{Guid.NewGuid():N}" } })).EnsureNoErrors();
        (await fixture.As(TestCallers.Customer(customer)).PostAsync(
            "mutation($input: SetAutopayInput!) { setAutopay(input: $input) { account { id } } }",
            new { input = new { accountId = account, enabled = true, method = "CARD", dayOfMonth = 9 } })).EnsureNoErrors();

        var paid = Assert.Single(await OutboxEvents.OfAsync<UCE.Billing.Data.BillingDbContext>(fixture.Host, InteractionEventTypes.PaymentMade));
        Assert.Equal(customer, paid.CustomerId);
        Assert.Equal(InteractionChannels.Phone, paid.Channel);
        Assert.Equal("agent-007", paid.Agent);
        Assert.Equal(payment.At("makePayment", "payment", "id").GetString(), paid.SubjectId);
        Assert.StartsWith("Paid 40.25 USD by bank", paid.Summary, StringComparison.Ordinal);
        var autopay = Assert.Single(await OutboxEvents.OfAsync<UCE.Billing.Data.BillingDbContext>(fixture.Host, InteractionEventTypes.AutopayChanged));
        Assert.Equal((InteractionChannels.Web, (string?)null), (autopay.Channel, autopay.Agent));
        Assert.Equal(("Account", account), (autopay.SubjectType, autopay.SubjectId));
    }
}

/// <summary>Outages tells of reports by the premise's customer or an agent, not of anonymous ones.</summary>
public sealed class OutagesPublishesInteractionsTests(SubgraphFixture<OutagesSubgraph> fixture) : IClassFixture<SubgraphFixture<OutagesSubgraph>>
{
    private const string Report = "mutation($input: ReportOutageInput!) { reportOutage(input: $input) { outage { id } } }";

    [Fact]
    public async Task A_customers_report_is_in_the_outbox_and_an_anonymous_one_is_not()
    {
        var location = DemoGraph.LocationId(30);

        var outage = (await fixture.As(TestCallers.Customer(DemoGraph.CustomerId(30))).PostAsync(Report, new
        {
            input = new { serviceLocationId = location, description = "No power since the storm." },
        })).EnsureNoErrors().At("reportOutage", "outage", "id").GetString();
        (await fixture.GraphQL.PostAsync(Report, new
        {
            input = new { serviceLocationId = DemoGraph.LocationId(31), description = "Street is dark.", contact = "555-0100" },
        })).EnsureNoErrors();

        var reported = Assert.Single(await OutboxEvents.OfAsync<UCE.Outages.Data.OutagesDbContext>(fixture.Host, InteractionEventTypes.OutageReported));
        Assert.Equal(DemoGraph.CustomerId(30), reported.CustomerId);
        Assert.Equal(("Outage", outage), (reported.SubjectType, reported.SubjectId));
        Assert.EndsWith("No power since the storm.", reported.Summary, StringComparison.Ordinal);
    }
}

/// <summary>Products tells of enrollments made and cancelled.</summary>
public sealed class ProductsPublishesInteractionsTests(SubgraphFixture<ProductsSubgraph> fixture) : IClassFixture<SubgraphFixture<ProductsSubgraph>>
{
    [Fact]
    public async Task An_enrollment_and_its_cancellation_are_in_the_outbox()
    {
        var customer = DemoGraph.CustomerId(17);
        string productId;
        await using (var db = fixture.Host.CreateDbContext<ProductsDbContext>())
        {
            var held = await db.Enrollments.Where(e => e.CustomerId == customer && e.Status != EnrollmentStatus.Cancelled).Select(e => e.ProductId).ToListAsync();
            productId = await db.Products.Where(p => !held.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        var enrollment = (await fixture.As(TestCallers.Customer(customer)).PostAsync(
            "mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id } } }",
            new { input = new { customerId = customer, productId } })).EnsureNoErrors().At("enroll", "enrollment", "id").GetString();
        (await fixture.As(TestCallers.Agent).PostAsync(
            "mutation($id: ID!) { cancelEnrollment(id: $id) { enrollment { id } } }", new { id = enrollment })).EnsureNoErrors();

        var made = Assert.Single(await OutboxEvents.OfAsync<ProductsDbContext>(fixture.Host, InteractionEventTypes.EnrollmentMade));
        var cancelled = Assert.Single(await OutboxEvents.OfAsync<ProductsDbContext>(fixture.Host, InteractionEventTypes.EnrollmentCancelled));
        Assert.Equal(("Enrollment", enrollment), (made.SubjectType, made.SubjectId));
        Assert.Equal(("Enrollment", enrollment), (cancelled.SubjectType, cancelled.SubjectId));
        Assert.Equal((customer, (string?)null), (made.CustomerId, made.Agent));
        Assert.Equal("agent-007", cancelled.Agent);
    }
}

/// <summary>Communications tells of a notification once it is sent, on its channel.</summary>
public sealed class CommunicationsPublishesInteractionsTests(SubgraphFixture<CommunicationsSubgraph> fixture) : IClassFixture<SubgraphFixture<CommunicationsSubgraph>>
{
    [Fact]
    public async Task A_sent_notification_is_in_the_outbox_and_a_queued_one_is_not()
    {
        string customer;
        await using (var db = fixture.Host.CreateDbContext<CommunicationsDbContext>())
        {
            customer = await db.Recipients.AsNoTracking()
                .Where(r => r.Preferences.Any(p => p.Channel == Channel.Email && p.Topic == Topic.Billing && p.OptedIn))
                .OrderBy(r => r.CustomerId).Select(r => r.CustomerId).FirstAsync();
        }

        var notification = (await fixture.As(TestCallers.Service(AccessScopes.NotificationsSend)).PostAsync(
            "mutation($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }",
            new
            {
                input = new
                {
                    customerId = customer,
                    templateId = "bill-ready-email",
                    values = new object[] { new { name = "amount", value = "$84.10" }, new { name = "dueDate", value = "January 5, 2027" } },
                },
            })).EnsureNoErrors().At("sendNotification", "notification", "id").GetString();
        Assert.DoesNotContain(await OutboxEvents.OfAsync<CommunicationsDbContext>(fixture.Host, InteractionEventTypes.NotificationSent), e => e.SubjectId == notification);

        var dispatcher = fixture.Host.Services.GetRequiredService<NotificationDispatcher>();
        await Eventually.TrueAsync(async () =>
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            return (await OutboxEvents.OfAsync<CommunicationsDbContext>(fixture.Host, InteractionEventTypes.NotificationSent)).Any(e => e.SubjectId == notification);
        }, "the dispatcher sends the notification");

        var sent = Assert.Single(await OutboxEvents.OfAsync<CommunicationsDbContext>(fixture.Host, InteractionEventTypes.NotificationSent), e => e.SubjectId == notification);
        Assert.Equal((customer, InteractionChannels.Email, "Notification"), (sent.CustomerId, sent.Channel, sent.SubjectType));
        Assert.Equal("Your bill of $84.10 is ready", sent.Summary);
    }
}

/// <summary>The service subgraph tells of a case opened and a case resolved, in the transaction of the case.</summary>
public sealed class ServicePublishesInteractionsTests(SubgraphFixture<UCE.Service.ServiceSubgraph> fixture) : IClassFixture<SubgraphFixture<UCE.Service.ServiceSubgraph>>
{
    [Fact]
    public async Task A_case_a_customer_opens_and_an_agent_resolves_is_in_the_outbox_twice_and_a_refused_opening_is_not()
    {
        var customer = DemoGraph.CustomerId(12);
        var opened = (await Service.CaseMutations.OpenAsync(fixture.As(TestCallers.Customer(customer)), new
        {
            customerId = customer, category = "HIGH_BILL", subject = "Bill doubled in March", description = "My bill is twice the usual.",
        })).EnsureNoErrors().At("openCase", "case", "id").GetString()!;
        var refused = await Service.CaseMutations.OpenAsync(fixture.As(TestCallers.Customer(customer)), new
        {
            customerId = DemoGraph.CustomerId(13), category = "HIGH_BILL", subject = "Not mine", description = "Someone else's case.",
        });
        Assert.NotEmpty(refused.ErrorCodes);
        await Service.CaseMutations.ResolveNewAsync(fixture.As(TestCallers.Agent), opened);

        var open = Assert.Single(await OutboxEvents.OfAsync<UCE.Service.Data.ServiceDbContext>(fixture.Host, InteractionEventTypes.CaseOpened));
        Assert.Equal((customer, InteractionChannels.Web, (string?)null), (open.CustomerId, open.Channel, open.Agent));
        Assert.Equal(("Case", opened), (open.SubjectType, open.SubjectId));
        Assert.Equal("Case opened (high bill): Bill doubled in March", open.Summary);
        var resolved = Assert.Single(await OutboxEvents.OfAsync<UCE.Service.Data.ServiceDbContext>(fixture.Host, InteractionEventTypes.CaseResolved));
        Assert.Equal((customer, InteractionChannels.Phone, "agent-007"), (resolved.CustomerId, resolved.Channel, resolved.Agent));
        Assert.Equal(("Case", opened), (resolved.SubjectType, resolved.SubjectId));
        Assert.StartsWith("Case resolved (", resolved.Summary, StringComparison.Ordinal);
        Assert.NotEqual(open.EventId, resolved.EventId);
    }
}
