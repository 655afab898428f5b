using System.Text.Json;

namespace UCE.Subgraphs.Hosting.WebSockets;

/// <summary>
/// What a <c>graphql-transport-ws</c> server runs behind the protocol: <see cref="GraphQLWebSocketConnection"/> speaks the
/// protocol (messages, ordering, close codes, keep-alive, bounded sending) and asks its handler to prove the
/// <c>connection_init</c> payload and to run each <c>subscribe</c>. The subgraphs run operations with GraphQL.NET; the
/// gateway runs them with its federation engine.
/// </summary>
public interface IGraphQLWebSocketHandler
{
    /// <summary>
    /// The session a <c>connection_init</c> payload (an object, or null when absent) opens, or the reason it is refused
    /// (the connection then closes with 4403). Read <paramref name="payload"/> before the first await: the message it
    /// belongs to is released once this call returns its task.
    /// </summary>
    ValueTask<WebSocketInitialisation> InitialiseAsync(JsonElement? payload, CancellationToken cancellationToken);
}

/// <summary>The outcome of <c>connection_init</c>: a session, or the reason there is none.</summary>
public readonly record struct WebSocketInitialisation(IGraphQLWebSocketSession? Session, string? Problem)
{
    public static WebSocketInitialisation Refused(string problem) => new(null, problem);
}

/// <summary>One acknowledged connection's caller: reads and runs its operations.</summary>
public interface IGraphQLWebSocketSession
{
    /// <summary>
    /// Reads a <c>subscribe</c> payload (synchronously: <paramref name="payload"/> does not outlive the call) into an operation to
    /// run, or the reason it cannot be read (the connection then closes with 4400).
    /// </summary>
    WebSocketOperationStart Prepare(JsonElement payload);
}

/// <summary>
/// Runs one operation, handing its results to <paramref name="results"/>, and returns when its stream has ended (the
/// connection then sends <c>complete</c>, unless <see cref="IGraphQLWebSocketResults.Error"/> ended it). Cancelling
/// <paramref name="stopping"/> (the client's <c>complete</c>, or the connection closing) stops it; nothing more is sent.
/// </summary>
public delegate Task WebSocketOperationRun(IGraphQLWebSocketResults results, CancellationToken stopping);

/// <summary>
/// Starts one operation that reports its own end through <see cref="IGraphQLWebSocketResults.End"/> instead of returning a
/// task: nothing of the connection waits while the operation is idle. Cancelling <paramref name="stopping"/> stops it as
/// for <see cref="WebSocketOperationRun"/>.
/// </summary>
public delegate void WebSocketOperationBegin(IGraphQLWebSocketResults results, CancellationToken stopping);

/// <summary>A prepared operation (a <see cref="Run"/> or a <see cref="Begin"/>), or the reason the payload was refused.</summary>
public readonly record struct WebSocketOperationStart(WebSocketOperationRun? Run, string? Problem)
{
    public WebSocketOperationStart(WebSocketOperationBegin begin)
        : this(null, null)
    {
        Begin = begin;
    }

    public WebSocketOperationBegin? Begin { get; }

    public static WebSocketOperationStart Refused(string problem) => new(null, problem);
}

/// <summary>Where an operation's results go: each becomes a message with the operation's id.</summary>
public interface IGraphQLWebSocketResults
{
    /// <summary>Sends <c>next</c> with <paramref name="payload"/>, a GraphQL response as UTF-8 JSON.</summary>
    void Next(ReadOnlyMemory<byte> payload);

    /// <summary>Ends the operation with <c>error</c>, <paramref name="errors"/> being a JSON array of GraphQL errors (no <c>complete</c> follows).</summary>
    void Error(ReadOnlyMemory<byte> errors);

    /// <summary>
    /// The operation's stream has ended: <c>complete</c> is sent unless <see cref="Error"/> ended it or it was stopped; with
    /// <paramref name="failure"/> the connection closes with 4500 instead. Called once by a <see cref="WebSocketOperationBegin"/>;
    /// the connection calls it itself when a <see cref="WebSocketOperationRun"/>'s task ends.
    /// </summary>
    void End(Exception? failure);
}
