namespace UCE.Products.Data;

/// <summary>A customer's subscription to a catalogue product.</summary>
public sealed class Enrollment
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public required string ProductId { get; init; }

    public EnrollmentStatus Status { get; private set; }

    public DateTime Since { get; init; }

    public DateTime? CancelledAt { get; private set; }

    /// <summary>The subject that enrolled the customer (the customer or an agent), when known.</summary>
    public string? EnrolledBy { get; init; }

    public bool IsCancelled => Status == EnrollmentStatus.Cancelled;

    /// <summary>Starts an enrollment: pending when the product needs installing, otherwise active at once.</summary>
    public static Enrollment Start(string id, string customerId, Product product, DateTime since, string? enrolledBy) => new()
    {
        Id = id,
        CustomerId = customerId,
        ProductId = product.Id,
        Status = product.RequiresInstallation ? EnrollmentStatus.Pending : EnrollmentStatus.Active,
        Since = since,
        EnrolledBy = enrolledBy,
    };

    /// <summary>Marks a pending enrollment active once the product is installed.</summary>
    public void Activate()
    {
        if (Status != EnrollmentStatus.Pending)
        {
            throw new InvalidOperationException($"Enrollment {Id} is {Status}, not pending.");
        }

        Status = EnrollmentStatus.Active;
    }

    /// <summary>Cancels the enrollment; a cancelled enrollment stays cancelled.</summary>
    public void Cancel(DateTime at)
    {
        if (IsCancelled)
        {
            throw new InvalidOperationException($"Enrollment {Id} is already cancelled.");
        }

        Status = EnrollmentStatus.Cancelled;
        CancelledAt = at;
    }
}
