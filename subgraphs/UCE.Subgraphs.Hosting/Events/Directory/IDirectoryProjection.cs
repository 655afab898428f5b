namespace UCE.Subgraphs.Hosting.Events.Directory;

/// <summary>
/// A subgraph's copy of the customers and accounts it needs, kept up to date from the directory stream. Applying an event
/// must be idempotent: the same event may arrive twice, or reach two instances at once.
/// </summary>
public interface IDirectoryProjection
{
    /// <summary>Applies <paramref name="directoryEvent"/>: <see cref="StreamEntryOutcome.Applied"/>, or
    /// <see cref="StreamEntryOutcome.Duplicate"/> when it changes nothing; throws to have it retried.</summary>
    Task<StreamEntryOutcome> ApplyAsync(DirectoryEvent directoryEvent, CancellationToken cancellationToken);
}
