using UCE.Communications.Data;

namespace UCE.Communications.Events;

/// <summary>
/// What an event asks to tell customers: the templates of <see cref="TemplateKind"/> (one per channel) rendered with
/// <see cref="Values"/> and each customer's first name, on every channel the customer opted into for <see cref="Topic"/>.
/// </summary>
public sealed record EventNotification(
    string SourceEventId,
    Topic Topic,
    string TemplateKind,
    bool Urgent,
    IReadOnlyList<string> CustomerIds,
    IReadOnlyDictionary<string, string> Values);
