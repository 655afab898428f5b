using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UCE.Customers;
using UCE.Customers.Data;
using UCE.Customers.Requests;
using UCE.Subgraphs.Hosting.Demo;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Customers;

/// <summary><c>startService</c>, <c>stopService</c> and <c>moveService</c>: what they write, once per key, and that a refused or failed request writes nothing.</summary>
public sealed class ServiceRequestTests(SubgraphFixture<CustomersSubgraph> fixture) : IClassFixture<SubgraphFixture<CustomersSubgraph>>
{
    private const string Fields = "replayed serviceRequest { id confirmationNumber kind status scheduledFor customer { id } openedAccount { id number status opened serviceLocation { line1 city state postalCode } } closedAccount { id status closesOn } }";

    private static readonly string Start = $"mutation($input: StartServiceInput!) {{ startService(input: $input) {{ {Fields} }} }}";
    private static readonly string Stop = $"mutation($input: StopServiceInput!) {{ stopService(input: $input) {{ {Fields} }} }}";
    private static readonly string Move = $"mutation($input: MoveServiceInput!) {{ moveService(input: $input) {{ {Fields} }} }}";

    private static readonly string Cancel = $"mutation($input: CancelServiceRequestInput!) {{ cancelServiceRequest(input: $input) {{ {Fields} }} }}";

    private static readonly object NewAddress = new { line1 = "12 Harbor Rd", city = "Madison", state = "wi", postalCode = "53703" };

    [Fact]
    public async Task Start_service_today_opens_an_active_account_at_a_new_location_and_completes()
    {
        var customer = DemoGraph.CustomerId(2);

        var response = (await fixture.As(TestCallers.Customer(customer)).PostAsync(Start, new
        {
            input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(0), idempotencyKey = Key() },
        })).EnsureNoErrors();

        var request = response.At("startService", "serviceRequest");
        Assert.False(response.At("startService", "replayed").GetBoolean());
        Assert.Equal("START", request.GetProperty("kind").GetString());
        Assert.Equal("COMPLETED", request.GetProperty("status").GetString());
        Assert.Matches("^SR-[A-Z2-9]{8}$", request.GetProperty("confirmationNumber").GetString());
        Assert.Equal("ACTIVE", request.GetProperty("openedAccount").GetProperty("status").GetString());
        Assert.Equal("WI", request.GetProperty("openedAccount").GetProperty("serviceLocation").GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, request.GetProperty("closedAccount").ValueKind);
        var history = await InteractionsOfAsync(customer, "SERVICE_REQUESTED");
        var interaction = Assert.Single(history);
        Assert.Equal(request.GetProperty("id").GetString(), interaction.SubjectId);
        Assert.Equal("ServiceRequest", interaction.SubjectType);
        Assert.Equal(InteractionChannel.Web, interaction.Channel);
        Assert.Null(interaction.Agent);
    }

    [Fact]
    public async Task Start_service_on_a_later_day_is_scheduled_with_a_pending_account()
    {
        var customer = DemoGraph.CustomerId(3);

        var response = (await fixture.As(TestCallers.Agent).PostAsync(Start, new
        {
            input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(14), kind = "NON_REGULATED", idempotencyKey = Key() },
        })).EnsureNoErrors();

        var request = response.At("startService", "serviceRequest");
        Assert.Equal("SCHEDULED", request.GetProperty("status").GetString());
        Assert.Equal(Day(14), request.GetProperty("scheduledFor").GetString());
        Assert.Equal("PENDING", request.GetProperty("openedAccount").GetProperty("status").GetString());
        Assert.Equal(Day(14), request.GetProperty("openedAccount").GetProperty("opened").GetString());
        Assert.Equal("agent-007", Assert.Single(await InteractionsOfAsync(customer, "SERVICE_REQUESTED")).Agent);
    }

    [Fact]
    public async Task Move_service_closes_the_old_account_and_opens_one_at_the_new_location_in_one_request()
    {
        var customer = DemoGraph.CustomerId(4);
        var account = DemoGraph.RegulatedAccountId(4);

        var response = (await fixture.As(TestCallers.Customer(customer)).PostAsync(Move, new
        {
            input = new { accountId = account, newServiceAddress = NewAddress, moveOn = Day(0), idempotencyKey = Key() },
        })).EnsureNoErrors();

        var request = response.At("moveService", "serviceRequest");
        Assert.Equal("MOVE", request.GetProperty("kind").GetString());
        Assert.Equal("COMPLETED", request.GetProperty("status").GetString());
        Assert.Equal(account, request.GetProperty("closedAccount").GetProperty("id").GetString());
        Assert.Equal("CLOSED", request.GetProperty("closedAccount").GetProperty("status").GetString());
        Assert.Equal(Day(0), request.GetProperty("closedAccount").GetProperty("closesOn").GetString());
        Assert.Equal("ACTIVE", request.GetProperty("openedAccount").GetProperty("status").GetString());
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        var opened = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.GetProperty("openedAccount").GetProperty("id").GetString());
        Assert.Equal(AccountKind.Regulated, opened.Kind);
        Assert.Equal(customer, opened.CustomerId);
        Assert.Equal("12 Harbor Rd", (await db.ServiceLocations.AsNoTracking().SingleAsync(l => l.Id == opened.ServiceLocationId)).Line1);
    }

    [Fact]
    public async Task A_later_move_keeps_the_old_account_active_until_its_day_and_a_second_stop_is_refused_with_ACCOUNT_NOT_ACTIVE()
    {
        var customer = DemoGraph.CustomerId(5);
        var account = DemoGraph.RegulatedAccountId(5);
        var agent = fixture.As(TestCallers.Agent);

        var move = (await agent.PostAsync(Move, new { input = new { accountId = account, newServiceAddress = NewAddress, moveOn = Day(30), idempotencyKey = Key() } })).EnsureNoErrors();
        var stop = await agent.PostAsync(Stop, new { input = new { accountId = account, stopOn = Day(10), idempotencyKey = Key() } });

        Assert.Equal("SCHEDULED", move.At("moveService", "serviceRequest", "status").GetString());
        Assert.Equal("ACTIVE", move.At("moveService", "serviceRequest", "closedAccount", "status").GetString());
        Assert.Equal(Day(30), move.At("moveService", "serviceRequest", "closedAccount", "closesOn").GetString());
        Assert.Equal(["ACCOUNT_NOT_ACTIVE"], stop.ErrorCodes);
        Assert.Single(await RequestsOfAsync(customer));
    }

    [Fact]
    public async Task A_move_that_fails_while_writing_leaves_the_old_account_open_and_writes_nothing()
    {
        // Every new account gets the number of an existing one: the insert fails after the old account was closed.
        await using var database = await PostgresDatabase.CreateAsync("customers_failing_move");
        await using var host = await SubgraphTestHost.StartAsync(
            new CustomersSubgraph(), database.ConnectionString, services: services => services.AddSingleton<AccountNumbers>(new TakenAccountNumbers()));
        var account = DemoGraph.RegulatedAccountId(6);
        var before = await SnapshotAsync(host);

        var response = await host.As(TestCallers.Agent).PostAsync(Move, new
        {
            input = new { accountId = account, newServiceAddress = NewAddress, moveOn = Day(0), idempotencyKey = Key() },
        });

        Assert.Equal(["INTERNAL_SERVER_ERROR"], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(host));
        await using var db = host.CreateDbContext<CustomersDbContext>();
        var old = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account);
        Assert.Equal(AccountStatus.Active, old.Status);
        Assert.Null(old.ClosesOn);
    }

    [Fact]
    public async Task The_same_key_and_input_replays_the_request_and_the_same_key_with_other_input_is_refused_with_IDEMPOTENCY_KEY_REUSED()
    {
        var customer = DemoGraph.CustomerId(7);
        var account = DemoGraph.RegulatedAccountId(7);
        var key = Key();
        var client = fixture.As(TestCallers.Customer(customer));

        var first = (await client.PostAsync(Stop, new { input = new { accountId = account, stopOn = Day(20), idempotencyKey = key } })).EnsureNoErrors();
        var again = (await client.PostAsync(Stop, new { input = new { accountId = account, stopOn = Day(20), idempotencyKey = key } })).EnsureNoErrors();
        var before = await SnapshotAsync(fixture.Host);
        var otherDay = await client.PostAsync(Stop, new { input = new { accountId = account, stopOn = Day(21), idempotencyKey = key } });
        var otherMutation = await client.PostAsync(Start, new { input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(0), idempotencyKey = key } });

        Assert.False(first.At("stopService", "replayed").GetBoolean());
        Assert.True(again.At("stopService", "replayed").GetBoolean());
        Assert.Equal(first.At("stopService", "serviceRequest", "id").GetString(), again.At("stopService", "serviceRequest", "id").GetString());
        Assert.Equal(first.At("stopService", "serviceRequest", "confirmationNumber").GetString(), again.At("stopService", "serviceRequest", "confirmationNumber").GetString());
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], otherDay.ErrorCodes);
        Assert.Equal(["IDEMPOTENCY_KEY_REUSED"], otherMutation.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
        Assert.Single(await RequestsOfAsync(customer));
        Assert.Single(await InteractionsOfAsync(customer, "SERVICE_REQUESTED"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_request()
    {
        var customer = DemoGraph.CustomerId(8);
        var key = Key();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.As(TestCallers.Agent).PostAsync(Start, new
        {
            input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(1), idempotencyKey = key },
        })));

        Assert.All(responses, r => r.EnsureNoErrors());
        Assert.Single(responses.Select(r => r.At("startService", "serviceRequest", "id").GetString()).Distinct());
        Assert.Single(responses, r => !r.At("startService", "replayed").GetBoolean());
        Assert.Single(await RequestsOfAsync(customer));
    }

    public static TheoryData<string, string, string> RefusedRequests => new()
    {
        { "SERVICE_DATE_INVALID", Start, Json(new { customerId = DemoGraph.CustomerId(9), serviceAddress = NewAddress, startOn = Day(-1), idempotencyKey = "k" }) },
        { "SERVICE_DATE_INVALID", Stop, Json(new { accountId = DemoGraph.RegulatedAccountId(9), stopOn = Day(RequestRules.MaxDaysAhead + 1), idempotencyKey = "k" }) },
        { "ADDRESS_INVALID", Start, Json(new { customerId = DemoGraph.CustomerId(9), serviceAddress = new { line1 = "1 Elm St", city = "Peoria", state = "Illinois", postalCode = "61602" }, startOn = Day(0), idempotencyKey = "k" }) },
        { "ADDRESS_INVALID", Move, Json(new { accountId = DemoGraph.RegulatedAccountId(9), newServiceAddress = new { line1 = "1 Elm St", city = "Peoria", state = "IL", postalCode = "6160" }, moveOn = Day(0), idempotencyKey = "k" }) },
        { "ADDRESS_INVALID", Move, Json(new { accountId = DemoGraph.RegulatedAccountId(9), newServiceAddress = new { line1 = " ", city = "Peoria", state = "IL", postalCode = "61602" }, moveOn = Day(0), idempotencyKey = "k" }) },
        { "IDEMPOTENCY_KEY_INVALID", Stop, Json(new { accountId = DemoGraph.RegulatedAccountId(9), stopOn = Day(0), idempotencyKey = "  " }) },
        { "IDEMPOTENCY_KEY_INVALID", Stop, Json(new { accountId = DemoGraph.RegulatedAccountId(9), stopOn = Day(0), idempotencyKey = new string('k', 129) }) },
        { "CUSTOMER_NOT_FOUND", Start, Json(new { customerId = "cus-999999", serviceAddress = NewAddress, startOn = Day(0), idempotencyKey = "k-unknown-customer" }) },
        { "ACCOUNT_NOT_FOUND", Stop, Json(new { accountId = "acc-999999-r", stopOn = Day(0), idempotencyKey = "k-unknown-account" }) },
    };

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task A_refused_request_answers_its_code_and_writes_nothing(string code, string mutation, string input)
    {
        var before = await SnapshotAsync(fixture.Host);

        var response = await fixture.As(TestCallers.Agent).PostAsync(mutation, new { input = System.Text.Json.JsonDocument.Parse(input).RootElement });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task A_customer_cannot_start_stop_or_move_service_for_another_customer()
    {
        var other = DemoGraph.CustomerId(10);
        var client = fixture.As(TestCallers.Customer(DemoGraph.CustomerId(11)));
        var before = await SnapshotAsync(fixture.Host);

        var start = await client.PostAsync(Start, new { input = new { customerId = other, serviceAddress = NewAddress, startOn = Day(0), idempotencyKey = Key() } });
        var stop = await client.PostAsync(Stop, new { input = new { accountId = DemoGraph.RegulatedAccountId(10), stopOn = Day(0), idempotencyKey = Key() } });
        var move = await client.PostAsync(Move, new { input = new { accountId = DemoGraph.RegulatedAccountId(10), newServiceAddress = NewAddress, moveOn = Day(0), idempotencyKey = Key() } });

        Assert.Equal(["FORBIDDEN"], start.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], stop.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], move.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    [Fact]
    public async Task Customer_service_requests_lists_the_requests_newest_first_and_a_customer_reads_only_their_own()
    {
        var customer = DemoGraph.CustomerId(12);
        var agent = fixture.As(TestCallers.Agent);
        var older = (await agent.PostAsync(Start, new { input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(3), idempotencyKey = Key() } })).EnsureNoErrors();
        var newer = (await agent.PostAsync(Stop, new { input = new { accountId = DemoGraph.RegulatedAccountId(12), stopOn = Day(5), idempotencyKey = Key() } })).EnsureNoErrors();
        const string Query = "query($id: ID!) { customer(id: $id) { serviceRequests { id kind } } }";

        var own = (await fixture.As(TestCallers.Customer(customer)).PostAsync(Query, new { id = customer })).EnsureNoErrors();
        var others = await fixture.As(TestCallers.Customer(DemoGraph.CustomerId(13))).PostAsync(Query, new { id = customer });

        Assert.Equal(
            [newer.At("stopService", "serviceRequest", "id").GetString(), older.At("startService", "serviceRequest", "id").GetString()],
            own.At("customer", "serviceRequests").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["FORBIDDEN"], others.ErrorCodes);
    }

    [Fact]
    public async Task Cancelling_a_scheduled_move_closes_the_account_it_was_to_open_and_keeps_the_old_one_once_per_key()
    {
        var customer = DemoGraph.CustomerId(14);
        var account = DemoGraph.RegulatedAccountId(14);
        var client = fixture.As(TestCallers.Customer(customer));
        var move = (await client.PostAsync(Move, new { input = new { accountId = account, newServiceAddress = NewAddress, moveOn = Day(9), idempotencyKey = Key() } })).EnsureNoErrors();
        var requestId = move.At("moveService", "serviceRequest", "id").GetString();
        var key = Key();

        var cancelled = (await client.PostAsync(Cancel, new { input = new { serviceRequestId = requestId, idempotencyKey = key } })).EnsureNoErrors();
        var replayed = (await client.PostAsync(Cancel, new { input = new { serviceRequestId = requestId, idempotencyKey = key } })).EnsureNoErrors();
        var again = await client.PostAsync(Cancel, new { input = new { serviceRequestId = requestId, idempotencyKey = Key() } });

        var request = cancelled.At("cancelServiceRequest", "serviceRequest");
        Assert.Equal("CANCELLED", request.GetProperty("status").GetString());
        Assert.Equal("CLOSED", request.GetProperty("openedAccount").GetProperty("status").GetString());
        Assert.Equal("ACTIVE", request.GetProperty("closedAccount").GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, request.GetProperty("closedAccount").GetProperty("closesOn").ValueKind);
        Assert.True(replayed.At("cancelServiceRequest", "replayed").GetBoolean());
        Assert.Equal(["SERVICE_REQUEST_NOT_SCHEDULED"], again.ErrorCodes);
        Assert.Single(await InteractionsOfAsync(customer, "SERVICE_REQUEST_CANCELLED"));

        // The old account can be stopped again, now that the move no longer stops it.
        (await client.PostAsync(Stop, new { input = new { accountId = account, stopOn = Day(40), idempotencyKey = Key() } })).EnsureNoErrors();
    }

    [Fact]
    public async Task A_completed_request_cannot_be_cancelled_an_unknown_one_is_not_found_and_another_customers_is_forbidden()
    {
        var customer = DemoGraph.CustomerId(15);
        var completed = (await fixture.As(TestCallers.Agent).PostAsync(Start, new
        {
            input = new { customerId = customer, serviceAddress = NewAddress, startOn = Day(0), idempotencyKey = Key() },
        })).EnsureNoErrors().At("startService", "serviceRequest", "id").GetString();
        var before = await SnapshotAsync(fixture.Host);

        var notScheduled = await fixture.As(TestCallers.Customer(customer)).PostAsync(Cancel, new { input = new { serviceRequestId = completed, idempotencyKey = Key() } });
        var unknown = await fixture.As(TestCallers.Agent).PostAsync(Cancel, new { input = new { serviceRequestId = "sr-none", idempotencyKey = Key() } });
        var intruder = await fixture.As(TestCallers.Customer(DemoGraph.CustomerId(16))).PostAsync(Cancel, new { input = new { serviceRequestId = completed, idempotencyKey = Key() } });

        Assert.Equal(["SERVICE_REQUEST_NOT_SCHEDULED"], notScheduled.ErrorCodes);
        Assert.Equal(["SERVICE_REQUEST_NOT_FOUND"], unknown.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], intruder.ErrorCodes);
        Assert.Equal(before, await SnapshotAsync(fixture.Host));
    }

    /// <summary>A day relative to today (UTC) as the API writes it.</summary>
    internal static string Day(int offset) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Key() => $"test-{Guid.NewGuid():N}";

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private async Task<List<ServiceRequest>> RequestsOfAsync(string customerId)
    {
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        return await db.ServiceRequests.AsNoTracking().Where(r => r.CustomerId == customerId).ToListAsync();
    }

    private async Task<List<Interaction>> InteractionsOfAsync(string customerId, string type)
    {
        await using var db = fixture.Host.CreateDbContext<CustomersDbContext>();
        return await db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId && i.EventType == type).ToListAsync();
    }

    /// <summary>The counts of every table a service request writes, and the accounts' states.</summary>
    internal static async Task<string> SnapshotAsync(SubgraphTestHost host)
    {
        await using var db = host.CreateDbContext<CustomersDbContext>();
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id + a.Status + a.ClosesOn).ToListAsync();
        return string.Join(
            "|",
            await db.Customers.CountAsync(),
            await db.ServiceLocations.CountAsync(),
            await db.ServiceRequests.CountAsync(),
            await db.IdempotentRequests.CountAsync(),
            await db.Interactions.CountAsync(),
            await db.Set<UCE.Subgraphs.Hosting.Events.Outbox.OutboxMessage>().CountAsync(),
            string.Join(",", accounts));
    }

    private sealed class TakenAccountNumbers : AccountNumbers
    {
        public override string Next() => "1000000001";
    }
}
