namespace UCE.Service.Data;

/// <summary>Who may read a case note: staff only, or the case's customer as well.</summary>
public enum CaseNoteVisibility
{
    Internal,
    CustomerVisible,
}
