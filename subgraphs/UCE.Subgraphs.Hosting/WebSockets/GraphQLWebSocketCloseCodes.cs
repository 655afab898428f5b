namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>The close codes a subgraph ends a <c>graphql-transport-ws</c> connection with.</summary>
public static class GraphQLWebSocketCloseCodes
{
    /// <summary>A message that is not JSON, not a known message, of the wrong shape, or a binary frame.</summary>
    public const int BadRequest = 4400;

    /// <summary>A <c>subscribe</c> before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>The identity in <c>connection_init</c> is missing, not signed by the gateway, stale, or invalid.</summary>
    public const int Forbidden = 4403;

    /// <summary>No <c>connection_init</c> within <c>Subgraph:Subscriptions:ConnectionInitTimeout</c>.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>A <c>subscribe</c> with the id of an operation still running.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second <c>connection_init</c>.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>An unexpected failure of the server.</summary>
    public const int InternalServerError = 4500;

    /// <summary>
    /// The client read too slowly: its send queue reached <c>Subgraph:Subscriptions:SendQueueLimit</c>. The standard
    /// "try again later" code: the client may reconnect and subscribe again.
    /// </summary>
    public const int SlowConsumer = 1013;

    /// <summary>
    /// The server is shutting down (a rolling deploy, a scale-in): the standard "going away" code, sent after the queued
    /// messages. The client reconnects, to another instance, and subscribes again.
    /// </summary>
    public const int GoingAway = 1001;

    /// <summary>A message larger than <c>Subgraph:MaxRequestBodyBytes</c> (the standard "message too big").</summary>
    public const int MessageTooBig = 1009;
}
