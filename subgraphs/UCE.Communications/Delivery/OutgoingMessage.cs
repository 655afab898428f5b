using UCE.Communications.Data;

namespace UCE.Communications.Delivery;

/// <summary>
/// One notification as a provider gets it. <see cref="Address"/> is the e-mail address, the phone number, or for push the
/// customer id (the push provider knows the customer's devices by it).
/// </summary>
public sealed record OutgoingMessage(string NotificationId, Channel Channel, Topic Topic, string CustomerId, string RecipientName, string Address, string? Subject, string Body);
