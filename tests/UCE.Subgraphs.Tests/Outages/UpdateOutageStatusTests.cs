using Microsoft.EntityFrameworkCore;
using UCE.Outages.Data;
using UCE.Outages.Events;
using UCE.Subgraphs.Hosting.Identity;
using UCE.Subgraphs.Tests.Authorization;
using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Outages.TestGridEvents;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>
/// <c>updateOutageStatus</c>: agents, supervisors and services with <c>outages:write</c> move outages through the grid
/// event path; everybody else is refused and nothing changes.
/// </summary>
public sealed class UpdateOutageStatusTests(PostgresRedisGridEventsFixture fixture) : IClassFixture<PostgresRedisGridEventsFixture>
{
    private const string Update = """
        mutation($input: UpdateOutageStatusInput!) {
          updateOutageStatus(input: $input) { eventId outage { id status estimatedRestorationAt statusHistory { status } } }
        }
        """;

    public static TheoryData<string> Operators => new() { "agent", "supervisor", "service with outages:write" };

    public static TheoryData<string> Refused => new() { "customer", "anonymous", "partner", "service without outages:write" };

    [Theory]
    [MemberData(nameof(Operators))]
    public async Task An_operator_moves_an_outage_forward_through_the_grid_event_path(string role)
    {
        var caller = CallerFor(role);
        var outageId = await OpenAsync();
        var estimate = new DateTime(2030, 1, 2, 3, 4, 0, DateTimeKind.Utc);

        var response = (await fixture.Host.As(caller).PostAsync(Update, new { input = new { outageId, status = "CREW_DISPATCHED", estimatedRestorationAt = "2030-01-02T03:04:00Z" } })).EnsureNoErrors();

        Assert.Equal("CREW_DISPATCHED", response.At("updateOutageStatus", "outage", "status").GetString());
        var eventId = response.At("updateOutageStatus", "eventId").GetString()!;
        Assert.StartsWith("op-", eventId, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var outage = await db.Outages.SingleAsync(o => o.Id == outageId);
        Assert.Equal(OutageStatus.CrewDispatched, outage.Status);
        Assert.Equal(estimate, outage.EstimatedRestorationAt);
        var step = await db.OutageStatusChanges.Where(c => c.OutageId == outageId).OrderBy(c => c.Id).LastAsync();
        Assert.Equal(caller.Subject, step.ChangedBy);
        Assert.True(await db.ProcessedGridEvents.AnyAsync(e => e.EventId == eventId && e.OutageId == outageId));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Everybody_else_is_forbidden_and_the_outage_does_not_change(string role)
    {
        var outageId = await OpenAsync();

        var response = await fixture.Host.As(CallerFor(role)).PostAsync(Update, new { input = new { outageId, status = "RESTORED" } });

        Hostile.AssertRefused(response, "updateOutageStatus");
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.ProcessedGridEvents.CountAsync(e => e.OutageId == outageId));
    }

    [Fact]
    public async Task The_current_status_with_a_new_estimate_changes_only_the_estimate()
    {
        var outageId = await OpenAsync();

        var response = (await fixture.Host.As(TestCallers.Agent).PostAsync(Update, new { input = new { outageId, status = "REPORTED", estimatedRestorationAt = "2030-06-01T12:00:00Z" } })).EnsureNoErrors();

        Assert.Equal("REPORTED", response.At("updateOutageStatus", "outage", "status").GetString());
        Assert.Equal([OutageStatus.Reported], await fixture.HistoryAsync(outageId));
        Assert.Equal(new DateTime(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc), (await fixture.OutageAsync(outageId))!.EstimatedRestorationAt);
    }

    [Fact]
    public async Task A_step_backwards_an_unknown_outage_and_a_restored_outage_are_refused_with_their_codes()
    {
        var outageId = await OpenAsync();
        await fixture.Applier.ApplyAsync(Step(outageId, GridEventType.RestorationStarted), CancellationToken.None);
        var restoredId = await OpenAsync();
        await fixture.Applier.ApplyAsync(Step(restoredId, GridEventType.OutageRestored), CancellationToken.None);
        var agent = fixture.Host.As(TestCallers.Agent);

        var backwards = await agent.PostAsync(Update, new { input = new { outageId, status = "CONFIRMED" } });
        var unknown = await agent.PostAsync(Update, new { input = new { outageId = "out-nowhere", status = "CONFIRMED" } });
        var afterRestoration = await agent.PostAsync(Update, new { input = new { outageId = restoredId, status = "RESTORED", estimatedRestorationAt = "2030-01-01T00:00:00Z" } });

        Assert.Equal(["OUTAGE_STATUS_TRANSITION_INVALID"], backwards.ErrorCodes);
        Assert.Equal(["OUTAGE_NOT_FOUND"], unknown.ErrorCodes);
        Assert.Equal(["OUTAGE_STATUS_TRANSITION_INVALID"], afterRestoration.ErrorCodes);
        Assert.Equal([OutageStatus.Reported, OutageStatus.Restoring], await fixture.HistoryAsync(outageId));
    }

    private async Task<string> OpenAsync()
    {
        var outageId = NewOutageId();
        Assert.Equal(GridEventResultKind.Applied, (await fixture.Applier.ApplyAsync(Detected(outageId), CancellationToken.None)).Kind);
        return outageId;
    }

    private static CallerIdentity CallerFor(string role) => role switch
    {
        "agent" => TestCallers.Agent,
        "supervisor" => TestCallers.Supervisor,
        "service with outages:write" => TestCallers.Service("outages:write"),
        "customer" => TestCallers.Customer("cus-000011"),
        "anonymous" => TestCallers.Anonymous,
        "partner" => TestCallers.Partner("grid-watch", "outages:read", "outages:write"),
        _ => TestCallers.Service("notifications:send"),
    };
}
