namespace UCE.Gateway.Engine;

/// <summary>
/// Where a running subscription's responses go (<see cref="IGatewayEngine.StartAsync"/>): each response is handed over the
/// moment it exists, from the thread that produced it (for a shared subscription, one thread hands one event to every
/// receiver in turn), so <see cref="Receive"/> must not block: a transport queues the message and returns.
/// </summary>
public interface ISubscriptionReceiver
{
    /// <summary>One response: an event, or the one response of a refused request or of anything but a subscription.</summary>
    void Receive(GatewayResponse response);

    /// <summary>
    /// Called once, when the stream has ended: its source completed or failed (after the response saying so), the request
    /// was answered with one response, the start's cancellation token was cancelled, or <see cref="Receive"/> threw
    /// <see cref="ObjectDisposedException"/> or <see cref="InvalidOperationException"/> (the transport is gone).
    /// <paramref name="failure"/> is set when the engine itself failed.
    /// </summary>
    void End(Exception? failure);
}
