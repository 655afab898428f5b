namespace UCE.Communications.Delivery;

/// <summary>Hands messages of one channel to its provider.</summary>
public interface IChannelSender
{
    /// <summary>What the provider is, for the log (<c>smtp://mail:25</c>, <c>https://sms.example/send</c>, <c>log</c>).</summary>
    string Description { get; }

    /// <summary>Delivers <paramref name="message"/>; never throws for a provider's failure, which is the result.</summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
