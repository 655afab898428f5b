namespace UCE.Service.Data;

/// <summary>Where the customer raised the case.</summary>
public enum CaseChannel
{
    Phone,
    Chat,
    Email,
    Web,
    MobileApp,
    InPerson,
    Letter,
}
