namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>The message <c>type</c>s of the <c>graphql-transport-ws</c> protocol.</summary>
public static class GraphQLWebSocketMessageTypes
{
    /// <summary>The WebSocket subprotocol a client asks for.</summary>
    public const string SubProtocol = "graphql-transport-ws";

    public const string ConnectionInit = "connection_init";
    public const string ConnectionAck = "connection_ack";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Next = "next";
    public const string Error = "error";
    public const string Complete = "complete";
}
