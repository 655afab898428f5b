namespace UCE.Products.Data;

/// <summary>Where an enrollment stands: pending until installed, active, or cancelled for good.</summary>
public enum EnrollmentStatus
{
    Pending,
    Active,
    Cancelled,
}
