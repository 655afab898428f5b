using UCE.Outages.Data;

namespace UCE.Subgraphs.Tests.Outages;

/// <summary>The outage life cycle: one domain method moves the status, records history and queues the change event.</summary>
public sealed class OutageStatusTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly GridConnection Connection = new() { LocationId = "loc-000001", CustomerId = "cus-000001", FeederName = "FDR-00001", AreaName = "Riverside" };

    [Fact]
    public void Opening_an_outage_records_the_reported_step_and_the_first_location()
    {
        var outage = Outage.Open("out-1", Connection, OutageCause.Unknown, Start, "agent-7");

        Assert.Equal(OutageStatus.Reported, outage.Status);
        Assert.Equal([OutageStatus.Reported], outage.StatusHistory.Select(s => s.Status));
        Assert.Equal("agent-7", outage.StatusHistory[0].ChangedBy);
        Assert.Equal(["loc-000001"], outage.AffectedLocations.Select(l => l.LocationId));
        Assert.Equal(1, outage.AffectedCustomerCount);
        Assert.Equal([new OutageStatusChanged("out-1", null, OutageStatus.Reported, Start)], outage.PendingEvents);
    }

    [Fact]
    public void Restoring_an_outage_sets_restored_at_and_queues_one_event_per_step()
    {
        var outage = Outage.Open("out-1", Connection, OutageCause.Weather, Start, null);
        outage.ClearPendingEvents();

        outage.ChangeStatus(OutageStatus.CrewDispatched, Start.AddMinutes(30), "dispatch");
        var restored = outage.ChangeStatus(OutageStatus.Restored, Start.AddHours(2), "dispatch", "Fuse replaced");

        Assert.Equal(new OutageStatusChanged("out-1", OutageStatus.CrewDispatched, OutageStatus.Restored, Start.AddHours(2)), restored);
        Assert.Equal(Start.AddHours(2), outage.RestoredAt);
        Assert.False(outage.IsActive);
        Assert.Equal([OutageStatus.Reported, OutageStatus.CrewDispatched, OutageStatus.Restored], outage.StatusHistory.Select(s => s.Status));
        Assert.Equal(2, outage.PendingEvents.Count);
    }

    [Theory]
    [InlineData(OutageStatus.Reported)]
    [InlineData(OutageStatus.Confirmed)]
    public void Status_never_moves_backwards(OutageStatus earlier)
    {
        var outage = Outage.Open("out-1", Connection, OutageCause.Unknown, Start, null);
        outage.ChangeStatus(OutageStatus.Restoring, Start.AddHours(1), null);

        Assert.Throws<InvalidOperationException>(() => outage.ChangeStatus(earlier, Start.AddHours(2), null));
        Assert.Equal(OutageStatus.Restoring, outage.Status);
        Assert.Equal(2, outage.StatusHistory.Count);
    }

    [Fact]
    public void A_location_is_counted_once_however_often_it_is_affected()
    {
        var outage = Outage.Open("out-1", Connection, OutageCause.Unknown, Start, null);

        outage.Affect("loc-000001");
        outage.Affect("loc-000002");

        Assert.Equal(2, outage.AffectedCustomerCount);
    }
}
