namespace UCE.Subgraphs.Hosting.Events;

/// <summary>
/// How far a consumer group is behind its stream: <paramref name="Undelivered"/> entries never delivered to the group
/// (Redis' <c>lag</c>; null when Redis cannot tell, after entries were deleted from the middle of the stream), and
/// <paramref name="Pending"/> entries delivered and not acknowledged yet.
/// </summary>
public sealed record StreamGroupStatus(long? Undelivered, long Pending);
